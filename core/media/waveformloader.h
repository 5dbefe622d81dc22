#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>
#include <memory>

#include "media/audiodecoder.h"
#include "media/peakpyramid.h"

namespace postil {

struct WaveformLoadResult {
    // Empty when the waveform is there; else why not, naming the file
    // (missing, not audio...). The task's transcript stays editable.
    QString error;
    // Damage the decode met, naming the file: the waveform shows what decoded.
    QString damage;
    AudioStreamInfo info;
    bool fromCache = false;
    bool cancelled = false;
    qint64 elapsedMs = 0;

    bool ok() const { return error.isEmpty(); }
};

// The waveform of one audio file for an editor: its peaks from the project's
// cache when they are fresh (peakcache), else decoded on a worker thread
// (AudioDecoder + PeakPyramidBuilder) and then cached. Nothing runs on the
// calling thread but the signals: the cache is read and written through
// connections of its own, on a thread of its own (docs/architecture.md §12).
class WaveformLoader : public QObject {
    Q_OBJECT
public:
    explicit WaveformLoader(QObject* parent = nullptr);
    // Stops what is under way and waits for it (milliseconds).
    ~WaveformLoader() override;

    // Loads the waveform of `mediaPath`. `mediaHash` (the media's SHA-256)
    // and `projectPath` (the .postil file) name the cache; without either
    // nothing is cached. A load under way is dropped.
    void load(const QString& mediaPath, const QString& mediaHash = {},
              const QString& projectPath = {});
    // Stops a load under way; no finished() follows for it.
    void cancel();
    bool isLoading() const { return m_loading; }
    // Waits until the cache is written (tests, and before the project file
    // is copied or closed for good); false on timeout.
    bool waitForCacheWrites(int msecs = -1) { return m_cacheThread.waitForDone(msecs); }

    // Null until opened(); grows while decoding (PeakPyramid is thread-safe).
    std::shared_ptr<const PeakPyramid> pyramid() const { return m_pyramid; }
    AudioStreamInfo info() const { return m_info; }

Q_SIGNALS:
    // The length and format are known and pyramid() is there (perhaps
    // still empty): the waveform can lay out its time axis.
    void opened(const postil::AudioStreamInfo& info);
    // More peaks can be drawn: frames covered so far, and the fraction of
    // the file decoded (0..1). At most about ten times a second.
    void peaksAdded(qint64 coveredFrames, double fraction);
    void finished(const postil::WaveformLoadResult& result);

private:
    void lookedUp(quint64 run, std::shared_ptr<PeakPyramid> pyramid, const QString& damage);
    void decoderOpened(const AudioStreamInfo& info);
    void decoderFinished(const AudioDecodeResult& result);

    // The builder outlives the decoder, whose thread feeds it.
    PeakPyramidBuilder m_builder;
    AudioDecoder m_decoder;
    // The cache's reads and writes, one at a time; waited for on delete.
    QThreadPool m_cacheThread;
    std::shared_ptr<PeakPyramid> m_pyramid;
    AudioStreamInfo m_info;
    QString m_mediaPath;
    QString m_mediaHash;
    QString m_projectPath;
    quint64 m_run = 0;
    bool m_loading = false;
    bool m_decoding = false;  // the decoder's reports belong to this load
    QElapsedTimer m_clock;
};

}  // namespace postil

Q_DECLARE_METATYPE(postil::WaveformLoadResult)
