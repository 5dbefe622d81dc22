#pragma once

// An EAF as ELAN writes it, with what our export never writes: a dependent
// tier, a reference annotation, untimed slots, a tier without a participant,
// a media URL that does not exist here, a comment and CDATA. Plain string
// literals: moc misreads XML in a raw string and loses the slots after it.

#include <QByteArray>

namespace postil::speechtest {

inline const QByteArray kElanSample =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2014-10-28T10:14:04+01:00\" FORMAT=\"3.0\" "
    "VERSION=\"3.0\">\n"
    "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n"
    "        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///nowhere/x.wav\" MIME_TYPE=\"audio/x-wav\" "
    "RELATIVE_MEDIA_URL=\"../../x.wav\"/>\n"
    "        <PROPERTY NAME=\"lastUsedAnnotationId\">9</PROPERTY>\n"
    "    </HEADER>\n"
    "    <TIME_ORDER>\n"
    "        <TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"100\"/>\n"
    "        <TIME_SLOT TIME_SLOT_ID=\"ts2\" TIME_VALUE=\"900\"/>\n"
    "        <TIME_SLOT TIME_SLOT_ID=\"ts3\"/>\n"
    "        <TIME_SLOT TIME_SLOT_ID=\"ts4\" TIME_VALUE=\"1200\"/>\n"
    "        <TIME_SLOT TIME_SLOT_ID=\"ts5\" TIME_VALUE=\"1900\"/>\n"
    "    </TIME_ORDER>\n"
    "    <TIER DEFAULT_LOCALE=\"en\" LINGUISTIC_TYPE_REF=\"utterance\" PARTICIPANT=\"\" "
    "TIER_ID=\"W-Spch\">\n"
    "        <ANNOTATION>\n"
    "            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" "
    "TIME_SLOT_REF2=\"ts2\">\n"
    "                <ANNOTATION_VALUE>so <!-- a comment --><![CDATA[<this> & "
    "that]]></ANNOTATION_VALUE>\n"
    "            </ALIGNABLE_ANNOTATION>\n"
    "        </ANNOTATION>\n"
    "        <ANNOTATION>\n"
    "            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" TIME_SLOT_REF1=\"ts2\" "
    "TIME_SLOT_REF2=\"ts3\">\n"
    "                <ANNOTATION_VALUE>untimed</ANNOTATION_VALUE>\n"
    "            </ALIGNABLE_ANNOTATION>\n"
    "        </ANNOTATION>\n"
    "    </TIER>\n"
    "    <TIER LINGUISTIC_TYPE_REF=\"words\" PARENT_REF=\"W-Spch\" PARTICIPANT=\"Bob\" "
    "TIER_ID=\"W-Words\">\n"
    "        <ANNOTATION>\n"
    "            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a3\" TIME_SLOT_REF1=\"ts1\" "
    "TIME_SLOT_REF2=\"ts2\">\n"
    "                <ANNOTATION_VALUE>so</ANNOTATION_VALUE>\n"
    "            </ALIGNABLE_ANNOTATION>\n"
    "        </ANNOTATION>\n"
    "    </TIER>\n"
    "    <TIER LINGUISTIC_TYPE_REF=\"utterance\" PARTICIPANT=\"Bob\" TIER_ID=\"Bob-2\">\n"
    "        <ANNOTATION>\n"
    "            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a4\" TIME_SLOT_REF1=\"ts4\" "
    "TIME_SLOT_REF2=\"ts5\">\n"
    "                <ANNOTATION_VALUE>hi&#10;there</ANNOTATION_VALUE>\n"
    "            </ALIGNABLE_ANNOTATION>\n"
    "        </ANNOTATION>\n"
    "        <ANNOTATION>\n"
    "            <REF_ANNOTATION ANNOTATION_ID=\"a5\" ANNOTATION_REF=\"a4\">\n"
    "                <ANNOTATION_VALUE>hola</ANNOTATION_VALUE>\n"
    "            </REF_ANNOTATION>\n"
    "        </ANNOTATION>\n"
    "    </TIER>\n"
    "    <LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"utterance\" "
    "TIME_ALIGNABLE=\"true\"/>\n"
    "</ANNOTATION_DOCUMENT>\n";

}  // namespace postil::speechtest
