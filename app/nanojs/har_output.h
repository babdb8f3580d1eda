#pragma once
// nanojs run --har FILE: subscribes to the fetch traffic feed (so the recorder keeps body
// previews), keeps the latest record of every fetch of the run and writes them as a HAR 1.2
// file (engine/inspect/har.h) when the run ends, however it ends (finished, threw, stopped,
// timed out). A run without fetches writes a valid HAR with no entries.

#include "engine/inspect/fetch_record.h"

#include <QObject>
#include <QString>
#include <map>
#include <utility>

namespace nano {
class Controller;
struct InspectorBatch;
} // namespace nano

namespace nano::cli {

class HarCollector final : public QObject {
    Q_OBJECT
public:
    // Before the run starts: subscribes and listens to the controller's batches. Destroy it
    // before the controller.
    explicit HarCollector(Controller& controller);
    Q_DISABLE_COPY_MOVE(HarCollector)

    // The fetch records in `batch` replace the earlier state of the same fetches.
    void add(const InspectorBatch& batch);
    // Every fetch seen, by run and id.
    FetchRecords records() const;
    // Writes the HAR (atomically: a half-written file never replaces an old one).
    bool write(const QString& path, QString* error) const;

private:
    std::map<std::pair<quint64, quint64>, FetchRecord> m_records; // (run id, fetch id)
};

} // namespace nano::cli
