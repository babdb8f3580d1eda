#include "network/network_model.h"

#include "common/theme.h"
#include "engine/inspect/inspector_event.h"
#include "network/network_tr.h"

#include <QColor>
#include <QLocale>
#include <QPointF>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <climits>

namespace nano::ui {

namespace {

// "a.js:12" (the engine's callSiteLabel) or "file:///x/a.js:12:5": the name and the line.
std::pair<QString, int> splitInitiator(const QString& initiator)
{
    static const QRegularExpression pattern(QStringLiteral("^(.*?):(\\d+)(?::\\d+)?$"));
    const QRegularExpressionMatch match = pattern.match(initiator);
    if (!match.hasMatch()) return {initiator, 0};
    return {match.captured(1), match.captured(2).toInt()};
}

} // namespace

NetworkModel::NetworkModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void NetworkModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (int(m_rows.size()) > m_capacity) dropOldest(int(m_rows.size()) - m_capacity);
}

void NetworkModel::apply(const InspectorBatch& batch)
{
    // One pass per run in the batch, in order (a batch rarely spans two runs).
    quint64 runId = 0;
    FetchRecords pending;
    for (const InspectorEvent& event : batch.events) {
        if (event.kind != fetchTrafficKind() || !event.holds<FetchRecords>()) continue;
        if (event.runId != runId && !pending.isEmpty()) {
            applyRecords(runId, pending);
            pending.clear();
        }
        runId = event.runId;
        pending += event.value.value<FetchRecords>();
    }
    if (!pending.isEmpty()) applyRecords(runId, pending);
}

void NetworkModel::applyRecords(quint64 runId, const FetchRecords& records)
{
    std::vector<Row> added;
    QHash<Key, qsizetype> addedIndex; // a fetch that begins and changes within one batch
    int firstChanged = INT_MAX;
    int lastChanged = -1;
    for (const FetchRecord& record : records) {
        const Key key(runId, record.id);
        const auto it = m_ordinals.constFind(key);
        if (it != m_ordinals.constEnd()) {
            const int row = rowOf(*it);
            Row& target = m_rows[size_t(row)];
            m_previewBytes += previewSize(record) - previewSize(target.record);
            target.record = record;
            firstChanged = std::min(firstChanged, row);
            lastChanged = std::max(lastChanged, row);
            continue;
        }
        const auto pendingIt = addedIndex.constFind(key);
        if (pendingIt != addedIndex.constEnd()) {
            added[size_t(*pendingIt)].record = record;
            continue;
        }
        addedIndex.insert(key, qsizetype(added.size()));
        added.push_back(Row{record, runId, false});
    }
    if (lastChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (!added.empty()) {
        for (const Row& row : added)
            m_previewBytes += previewSize(row.record);
        append(added);
    }
    keepPreviewBudget();
    updateAxis();
    emit totalsChanged();
}

void NetworkModel::addImported(const FetchRecords& records)
{
    std::vector<Row> added;
    added.reserve(size_t(records.size()));
    for (const FetchRecord& record : records) {
        m_previewBytes += previewSize(record);
        added.push_back(Row{record, 0, true});
    }
    append(added);
    keepPreviewBudget();
    updateAxis();
    emit totalsChanged();
}

void NetworkModel::append(std::vector<Row>& rows)
{
    // More than the bound at once: only the newest fit.
    if (int(rows.size()) > m_capacity) {
        for (size_t i = 0; i < rows.size() - size_t(m_capacity); ++i)
            m_previewBytes -= previewSize(rows[i].record);
        rows.erase(rows.begin(), rows.end() - m_capacity);
    }
    const int overflow = int(m_rows.size() + rows.size()) - m_capacity;
    if (overflow > 0) dropOldest(overflow);
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Row& row : rows) {
        const quint64 ordinal = m_firstOrdinal + m_rows.size();
        // Imported rows get keys of their own: a HAR's ids repeat across files.
        const Key key = row.imported ? Key(0, ++m_importedSerial) : Key(row.runId, row.record.id);
        m_ordinals.insert(key, ordinal);
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

void NetworkModel::dropOldest(int count)
{
    count = std::min(count, int(m_rows.size()));
    if (count <= 0) return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        const Row& row = m_rows.front();
        m_previewBytes -= previewSize(row.record);
        // Imported keys are not looked up again; a linear sweep below drops them.
        if (!row.imported) m_ordinals.remove(Key(row.runId, row.record.id));
        m_rows.pop_front();
        ++m_firstOrdinal;
    }
    for (auto it = m_ordinals.begin(); it != m_ordinals.end();) {
        if (*it < m_firstOrdinal)
            it = m_ordinals.erase(it);
        else
            ++it;
    }
    endRemoveRows();
}

void NetworkModel::keepPreviewBudget()
{
    using Kept = FetchRecord::BodyPreview::Kept;
    int lastTouched = -1;
    for (size_t i = 0; i < m_rows.size() && m_previewBytes > kPreviewBudget; ++i) {
        FetchRecord& record = m_rows[i].record;
        // A fetch in flight keeps its preview: the recorder would send it again anyway.
        if (record.state == FetchRecord::State::InFlight) continue;
        const qint64 size = previewSize(record);
        if (size == 0) continue;
        for (FetchRecord::BodyPreview* preview : {&record.requestBody, &record.responseBody}) {
            preview->bytes = QByteArray();
            preview->kept = Kept::None;
        }
        m_previewBytes -= size;
        lastTouched = int(i);
    }
    if (lastTouched >= 0) emit dataChanged(index(0, 0), index(lastTouched, ColumnCount - 1));
}

void NetworkModel::updateAxis()
{
    double start = 0;
    double end = 0;
    for (const Row& row : m_rows) {
        const double s = startOf(row.record);
        const double e = endOf(row.record);
        if (s > 0 && (start == 0 || s < start)) start = s;
        end = std::max(end, e);
    }
    if (start == m_axisStart && end == m_axisEnd) return;
    m_axisStart = start;
    m_axisEnd = end;
    if (!m_rows.empty())
        emit dataChanged(index(0, WaterfallColumn), index(int(m_rows.size()) - 1, WaterfallColumn),
                         {AxisRole, Qt::DisplayRole});
}

void NetworkModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_ordinals.clear();
    m_firstOrdinal = 0;
    m_previewBytes = 0;
    m_axisStart = 0;
    m_axisEnd = 0;
    endResetModel();
    emit totalsChanged();
}

int NetworkModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NetworkModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
    const Row& row = m_rows[size_t(index.row())];
    const FetchRecord& r = row.record;
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case Qt::ToolTipRole: return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == TimeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        // Failed, aborted and error responses in red, as DevTools marks them.
        if (r.state == FetchRecord::State::Failed || r.state == FetchRecord::State::Aborted ||
            r.status >= 400)
            return theme::isDark() ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
        return {};
    case StateRole: return int(r.state);
    case StatusClassRole:
        return r.state == FetchRecord::State::Done || r.status > 0 ? r.status / 100 : 0;
    case TypeCategoryRole: return int(typeCategory(mimeEssence(r)));
    case SortRole: return sortData(row, index.column());
    case UrlRole: return r.url;
    case InitiatorNameRole: return splitInitiator(r.initiator).first;
    case InitiatorLineRole: return splitInitiator(r.initiator).second;
    case StartRole: return startOf(r);
    case EndRole: return endOf(r);
    case TimingRole: return QVariant::fromValue(r.timing);
    case AxisRole: return QPointF(m_axisStart, m_axisEnd);
    case ImportedRole: return row.imported;
    case RunIdRole: return row.runId;
    case FilterTextRole: return QString::fromLatin1(r.method) + u' ' + r.url + u' ' + statusText(r);
    default: return {};
    }
}

QVariant NetworkModel::displayData(const Row& row, int column) const
{
    const FetchRecord& r = row.record;
    switch (column) {
    case MethodColumn: return QString::fromLatin1(r.method);
    case NameColumn: {
        const QUrl url(r.url);
        QString name = url.fileName();
        if (name.isEmpty()) name = url.path().isEmpty() ? url.host() : url.path();
        if (url.hasQuery()) name += u'?' + url.query();
        return name;
    }
    case StatusColumn: return statusText(r);
    case TypeColumn: return typeName(mimeEssence(r));
    case InitiatorColumn: {
        const QString text = r.initiator.isEmpty() ? QStringLiteral("\u2014") : r.initiator;
        return row.imported ? NetworkTr::tr("%1 (imported)").arg(text) : text;
    }
    case SizeColumn: {
        if (r.state == FetchRecord::State::Failed && r.responseBodySize == 0)
            return QStringLiteral("\u2014");
        const qint64 transferred = transferredSize(r);
        if (transferred == r.responseBodySize) return formatSize(r.responseBodySize);
        return QStringLiteral("%1 / %2").arg(formatSize(transferred),
                                             formatSize(r.responseBodySize));
    }
    case TimeColumn: {
        const double start = startOf(r);
        const double end = endOf(r);
        if (start <= 0 || end < start) return QString();
        const QString text = formatDuration(end - start);
        return r.state == FetchRecord::State::InFlight ? text + QStringLiteral(" \u2026") : text;
    }
    default: return QString(); // the waterfall is the delegate's
    }
}

QVariant NetworkModel::sortData(const Row& row, int column) const
{
    const FetchRecord& r = row.record;
    switch (column) {
    case StatusColumn: return r.status > 0 ? r.status : -int(r.state);
    case SizeColumn: return r.responseBodySize;
    case TimeColumn: return endOf(r) - startOf(r);
    case WaterfallColumn: return startOf(r);
    case InitiatorColumn: {
        const auto [name, line] = splitInitiator(r.initiator);
        return QStringLiteral("%1:%2").arg(name).arg(line, 8, 10, QLatin1Char('0'));
    }
    default: return displayData(row, column);
    }
}

QVariant NetworkModel::toolTip(const Row& row, int column) const
{
    const FetchRecord& r = row.record;
    switch (column) {
    case NameColumn: return r.url;
    case StatusColumn: {
        const QString cause = failureCause(r);
        return cause.isEmpty() ? statusText(r) : cause;
    }
    case TypeColumn: return QString::fromLatin1(headerValue(r.responseHeaders, "content-type"));
    case InitiatorColumn:
        return r.initiator.isEmpty()
                   ? QString()
                   : NetworkTr::tr("%1 \u2014 click to show the line").arg(r.initiator);
    case SizeColumn:
        return NetworkTr::tr("%1 transferred, %2 decoded")
            .arg(formatSize(transferredSize(r)), formatSize(r.responseBodySize));
    default: return {};
    }
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case MethodColumn: return NetworkTr::tr("Method");
    case NameColumn: return NetworkTr::tr("Name");
    case StatusColumn: return NetworkTr::tr("Status");
    case TypeColumn: return NetworkTr::tr("Type");
    case InitiatorColumn: return NetworkTr::tr("Initiator");
    case SizeColumn: return NetworkTr::tr("Size");
    case TimeColumn: return NetworkTr::tr("Time");
    case WaterfallColumn: return NetworkTr::tr("Waterfall");
    default: return {};
    }
}

QByteArray NetworkModel::headerValue(const FetchRecord::Headers& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    }
    return {};
}

QString NetworkModel::mimeEssence(const FetchRecord& record)
{
    const QByteArray type = headerValue(record.responseHeaders, "content-type");
    const int semicolon = type.indexOf(';');
    return QString::fromLatin1(semicolon < 0 ? type : type.left(semicolon)).trimmed().toLower();
}

NetworkModel::TypeCategory NetworkModel::typeCategory(const QString& essence)
{
    if (essence.endsWith(QLatin1String("json")) || essence.endsWith(QLatin1String("+json")))
        return TypeCategory::Json;
    if (essence.startsWith(QLatin1String("image/"))) return TypeCategory::Image;
    if (essence.startsWith(QLatin1String("audio/")) || essence.startsWith(QLatin1String("video/")))
        return TypeCategory::Media;
    if (essence.startsWith(QLatin1String("text/")) || essence.endsWith(QLatin1String("xml")) ||
        essence.endsWith(QLatin1String("javascript")))
        return TypeCategory::Text;
    return TypeCategory::Other;
}

QString NetworkModel::typeName(const QString& essence)
{
    if (essence.isEmpty()) return QString();
    QString sub = essence.mid(essence.indexOf(u'/') + 1);
    const int plus = sub.lastIndexOf(u'+');
    if (plus >= 0) sub = sub.mid(plus + 1); // "ld+json" → "json"
    if (sub == QLatin1String("plain")) return QStringLiteral("text");
    if (sub == QLatin1String("octet-stream")) return QStringLiteral("binary");
    return sub;
}

qint64 NetworkModel::transferredSize(const FetchRecord& record)
{
    bool ok = false;
    const qint64 length = headerValue(record.responseHeaders, "content-length").toLongLong(&ok);
    // While the body arrives, Content-Length is the promise; what came so far is the fact.
    if (!ok || record.state == FetchRecord::State::InFlight) return record.responseBodySize;
    if (record.state != FetchRecord::State::Done) return std::min(length, record.responseBodySize);
    return length;
}

double NetworkModel::startOf(const FetchRecord& record)
{
    return record.redirects.isEmpty() || record.redirects.first().timing.queued <= 0
               ? record.timing.queued
               : record.redirects.first().timing.queued;
}

double NetworkModel::endOf(const FetchRecord& record)
{
    const FetchRecord::Timing& t = record.timing;
    if (t.end > 0) return t.end;
    return std::max({t.queued, t.connectStart, t.connectEnd, t.requestSent, t.firstByte});
}

QString NetworkModel::statusText(const FetchRecord& record)
{
    switch (record.state) {
    case FetchRecord::State::Failed:
        return record.failureCode.isEmpty() ? NetworkTr::tr("(failed)")
                                            : NetworkTr::tr("(failed) %1").arg(record.failureCode);
    case FetchRecord::State::Aborted: return NetworkTr::tr("(aborted)");
    case FetchRecord::State::InFlight:
        if (record.status == 0) return NetworkTr::tr("(pending)");
        [[fallthrough]];
    case FetchRecord::State::Done:
        return record.statusText.isEmpty() ? QString::number(record.status)
                                           : QStringLiteral("%1 %2")
                                                 .arg(record.status)
                                                 .arg(QString::fromLatin1(record.statusText));
    }
    return QString();
}

QString NetworkModel::failureCause(const FetchRecord& record)
{
    if (record.state == FetchRecord::State::Failed) {
        if (record.failureCode.isEmpty()) return record.failureMessage;
        return record.failureMessage.isEmpty()
                   ? record.failureCode
                   : QStringLiteral("%1: %2").arg(record.failureCode, record.failureMessage);
    }
    if (record.state == FetchRecord::State::Aborted)
        return NetworkTr::tr("Aborted: %1").arg(record.failureMessage);
    return QString();
}

qint64 NetworkModel::previewSize(const FetchRecord& record)
{
    return record.requestBody.bytes.size() + record.responseBody.bytes.size();
}

QString formatSize(qint64 bytes)
{
    const QLocale locale;
    if (bytes < 1000) return NetworkTr::tr("%1 B").arg(bytes);
    if (bytes < 1000 * 1000)
        return NetworkTr::tr("%1 kB").arg(locale.toString(bytes / 1e3, 'f', 1));
    if (bytes < qint64(1000) * 1000 * 1000)
        return NetworkTr::tr("%1 MB").arg(locale.toString(bytes / 1e6, 'f', 1));
    return NetworkTr::tr("%1 GB").arg(locale.toString(bytes / 1e9, 'f', 2));
}

QString formatDuration(double ms)
{
    const QLocale locale;
    if (ms < 1000) return NetworkTr::tr("%1 ms").arg(locale.toString(ms, 'f', ms < 10 ? 1 : 0));
    return NetworkTr::tr("%1 s").arg(locale.toString(ms / 1000, 'f', 2));
}

} // namespace nano::ui
