#include "har_output.h"

#include "engine/controller.h"
#include "engine/inspect/har.h"

#include <QSaveFile>

namespace nano::cli {

HarCollector::HarCollector(Controller& controller)
{
    controller.subscribeInspector(fetchTrafficKind());
    connect(&controller, &Controller::inspectorEvents, this, &HarCollector::add);
}

void HarCollector::add(const InspectorBatch& batch)
{
    for (const InspectorEvent& event : batch.events) {
        if (event.kind != fetchTrafficKind() || !event.holds<FetchRecords>()) continue;
        for (const FetchRecord& record : event.value.value<FetchRecords>())
            m_records[{event.runId, record.id}] = record;
    }
}

FetchRecords HarCollector::records() const
{
    FetchRecords out;
    out.reserve(qsizetype(m_records.size()));
    for (const auto& [key, record] : m_records)
        out.push_back(record);
    return out;
}

bool HarCollector::write(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(har::writeHar(records())) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("cannot write the HAR file '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace nano::cli
