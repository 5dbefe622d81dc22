#!/bin/sh
# Regenerates the demo media (images/*.png, audio/*.wav) from scratch.
# Needs ImageMagick 6 (convert), espeak-ng and sox. Run from this folder.
set -eu
cd "$(dirname "$0")"
mkdir -p images audio
F=DejaVu-Sans
FB=DejaVu-Sans-Bold

# A street corner: sky, houses, a bakery, a car, a pedestrian, a stop sign.
# Full colour (PNG24): a palette would band the sky gradient.
convert -size 640x480 gradient:'#9cc9f5'-'#e6f2fd' \
  -fill '#f4f1e8' -draw 'circle 560,70 560,100' \
  -fill '#c9c2b5' -draw 'rectangle 0,150 640,330' \
  -fill '#b5533c' -draw 'rectangle 20,120 220,330' \
  -fill '#7a3526' -draw 'polygon 10,120 120,60 230,120' \
  -fill '#e9d9b0' -draw 'rectangle 250,140 470,330' \
  -fill '#3d6b8c' -draw 'rectangle 260,160 460,200' \
  -fill white -font $FB -pointsize 30 -annotate +298+192 'BAKERY' \
  -fill '#bfe0f2' -draw 'rectangle 40,150 90,200' -draw 'rectangle 150,150 200,200' \
  -draw 'rectangle 270,220 340,300' -draw 'rectangle 380,220 450,300' \
  -fill '#6b4a2b' -draw 'rectangle 92,250 148,330' \
  -fill '#6e4b2a' -draw 'rectangle 545,220 560,330' \
  -fill '#3f8f45' -draw 'circle 552,200 552,150' \
  -fill '#8d8d8d' -draw 'rectangle 0,330 640,355' \
  -fill '#4a4a4f' -draw 'rectangle 0,355 640,480' \
  -fill '#f2f2f2' -draw 'rectangle 20,412 90,420' -draw 'rectangle 150,412 220,420' \
  -draw 'rectangle 280,412 350,420' -draw 'rectangle 410,412 480,420' -draw 'rectangle 540,412 610,420' \
  -fill '#c62828' -draw 'roundrectangle 120,380 330,440 18,18' \
  -draw 'polygon 165,380 195,345 275,345 305,380' \
  -fill '#bfe0f2' -draw 'polygon 180,378 200,352 235,352 235,378' -draw 'polygon 243,378 243,352 272,352 292,378' \
  -fill '#1c1c1c' -draw 'circle 170,440 170,462' -draw 'circle 285,440 285,462' \
  -fill '#9e9e9e' -draw 'circle 170,440 170,450' -draw 'circle 285,440 285,450' \
  -fill '#ffd54f' -draw 'rectangle 320,395 330,408' \
  -fill '#9e9e9e' -draw 'rectangle 597,250 603,340' \
  -fill '#d32f2f' -stroke white -strokewidth 3 \
  -draw 'polygon 588,206 612,206 628,222 628,246 612,262 588,262 572,246 572,222' \
  -stroke none -fill white -font $FB -pointsize 13 -annotate +580+239 'STOP' \
  -fill '#f0c8a0' -draw 'circle 505,262 505,274' \
  -fill '#1565c0' -draw 'roundrectangle 493,276 517,320 6,6' \
  -fill '#263238' -draw 'rectangle 495,318 503,350' -draw 'rectangle 507,318 515,350' \
  -strip PNG24:images/street.png

# A desk: laptop, mug, notebook, plant, phone.
convert -size 640x480 xc:'#efe6d8' \
  -fill '#d8cbb6' -draw 'rectangle 0,0 640,40' \
  -fill '#a0714a' -draw 'rectangle 0,300 640,480' \
  -fill '#8a5f3c' -draw 'line 0,300 640,300' -draw 'rectangle 0,300 640,306' \
  -fill '#37474f' -draw 'roundrectangle 170,120 430,290 10,10' \
  -fill '#90caf9' -draw 'rectangle 182,132 418,278' \
  -fill white -font $F -pointsize 16 -annotate +200+160 'Quarterly report' \
  -fill '#1e88e5' -draw 'rectangle 200,180 240,260' -draw 'rectangle 255,210 295,260' \
  -draw 'rectangle 310,165 350,260' -draw 'rectangle 365,230 400,260' \
  -fill '#b0bec5' -draw 'polygon 140,300 460,300 490,330 110,330' \
  -fill '#78909c' -draw 'rectangle 250,306 350,314' \
  -fill none -stroke '#fafafa' -strokewidth 8 -draw 'ellipse 536,282 16,18 270,90' \
  -stroke none -fill '#fafafa' -draw 'roundrectangle 480,250 540,320 8,8' \
  -fill '#5d4037' -draw 'ellipse 510,256 26,6 0,360' \
  -fill '#fff59d' -draw 'polygon 30,340 150,330 165,420 45,432' \
  -fill '#5c6bc0' -draw 'line 40,350 150,340' -draw 'line 42,365 152,355' -draw 'line 44,380 154,370' \
  -fill '#212121' -draw 'roundrectangle 330,350 380,440 8,8' \
  -fill '#424242' -draw 'rectangle 335,358 375,430' \
  -fill '#8d6e63' -draw 'polygon 560,210 610,210 600,300 570,300' \
  -fill '#43a047' -draw 'ellipse 585,180 18,40 0,360' -draw 'ellipse 562,195 12,30 0,360' \
  -draw 'ellipse 608,195 12,30 0,360' \
  -strip +dither -colors 96 PNG8:images/desk.png

# A fruit stall with price tags.
convert -size 640x480 xc:'#fff8e1' \
  -fill '#2e7d32' -draw 'rectangle 0,0 640,70' \
  -fill white -font $FB -pointsize 34 -annotate +170+48 'FRESH FRUIT' \
  -fill '#8d6e63' -draw 'rectangle 0,280 640,480' \
  -fill '#6d4c41' -draw 'rectangle 30,200 300,300' -draw 'rectangle 340,200 610,300' \
  -fill '#d32f2f' -draw 'circle 70,195 70,225' -draw 'circle 130,190 130,220' -draw 'circle 190,195 190,225' \
  -draw 'circle 250,192 250,222' -draw 'circle 100,160 100,190' -draw 'circle 160,158 160,188' -draw 'circle 220,160 220,190' \
  -fill '#fb8c00' -draw 'circle 380,195 380,225' -draw 'circle 440,192 440,222' -draw 'circle 500,195 500,225' \
  -draw 'circle 560,192 560,222' -draw 'circle 410,160 410,190' -draw 'circle 470,158 470,188' -draw 'circle 530,160 530,190' \
  -fill '#fdd835' -draw 'path "M 110,420 Q 225,338 340,420 Q 225,383 110,420 Z"' \
  -fill '#5d4037' -draw 'circle 112,419 112,423' \
  -fill white -draw 'rectangle 130,310 220,345' -draw 'rectangle 430,310 520,345' \
  -fill '#212121' -font $FB -pointsize 18 -annotate +140+335 '2.50/kg' -annotate +440+335 '3.20/kg' \
  -fill '#7cb342' -draw 'ellipse 480,410 60,38 0,360' \
  -fill '#33691e' -draw 'line 430,405 530,405' -draw 'line 440,385 520,385' -draw 'line 440,430 520,430' \
  -strip +dither -colors 96 PNG8:images/fruit.png

# A customer on the phone, 16 kHz mono.
espeak-ng -v en-us -s 165 -w audio/raw.wav \
  "Hi, my order four eight two one three still has not arrived."
sox audio/raw.wav -r 16000 -c 1 -b 16 audio/call.wav
rm audio/raw.wav

# A support call with two voices, for the transcript editor's speakers: the
# agent (en-gb, a higher voice) and the customer (en-us), with pauses, at
# the telephone's 8 kHz.
espeak-ng -v en-gb+f3 -s 160 -w audio/a1.wav "Thank you for calling. How can I help?"
espeak-ng -v en-us -s 165 -w audio/c1.wav "My parcel never came. It was order four eight two one three."
espeak-ng -v en-gb+f3 -s 160 -w audio/a2.wav "I am sorry. I will send a new one today."
espeak-ng -v en-us -s 165 -w audio/c2.wav "Great, thanks."
for f in a1 c1 a2 c2; do
  sox audio/$f.wav -r 8000 -c 1 -b 16 audio/$f-8k.wav pad 0 0.4
done
sox audio/a1-8k.wav audio/c1-8k.wav audio/a2-8k.wav audio/c2-8k.wav audio/support-call.wav
rm audio/a1*.wav audio/c1*.wav audio/a2*.wav audio/c2*.wav
