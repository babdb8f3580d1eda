#include "inspect/inspector_event.h"

#include <QStringList>
#include <mutex>

namespace nano {

namespace {
struct KindTable {
    std::mutex mutex;
    QStringList names{QString(), QStringLiteral("console")}; // index = id; 0 is no kind
};

KindTable& kindTable()
{
    static KindTable table;
    return table;
}
} // namespace

int InspectorKinds::add(const QString& name)
{
    KindTable& table = kindTable();
    std::lock_guard<std::mutex> lock(table.mutex);
    const int existing = table.names.indexOf(name, 1);
    if (existing > 0) return existing;
    table.names.append(name);
    return int(table.names.size() - 1);
}

QString InspectorKinds::name(int kind)
{
    KindTable& table = kindTable();
    std::lock_guard<std::mutex> lock(table.mutex);
    return kind > 0 && kind < table.names.size() ? table.names.at(kind) : QString();
}

} // namespace nano
