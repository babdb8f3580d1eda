#pragma once
// The network inspector's model: one row per fetch (a FetchRecord as the engine's
// FetchTrafficRecorder last published it), in the order the fetches began. Storage is bounded:
// past `capacity` rows the oldest go, and the body previews of all rows together stay under
// kPreviewBudget (the oldest rows lose theirs first, which then say "body not kept").
//
// Updates come as whole batches (apply(), one call per inspector batch): new fetches are
// inserted with one beginInsertRows and the rows that changed get one dataChanged over their
// span, so a 1000-request run costs the view a few signals per 50 ms, never one per chunk.
//
// Time: every row is drawn on one shared axis, from the earliest `queued` stamp to the
// latest end among the rows (AxisRole), on the engine's steady clock. Imported rows (from a
// HAR file) keep the HAR's relative stamps.

#include "engine/inspect/fetch_record.h"

#include <QAbstractTableModel>
#include <QHash>
#include <deque>

namespace nano {
struct InspectorBatch;
}

namespace nano::ui {

class NetworkModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        MethodColumn,
        NameColumn, // the last path segment; the path below it; the full URL in the tooltip
        StatusColumn,
        TypeColumn,
        InitiatorColumn,
        SizeColumn,
        TimeColumn,
        WaterfallColumn,
        ColumnCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, // int(FetchRecord::State)
        StatusClassRole,              // int: 2, 3, 4, 5 (status / 100), 0 failed/aborted/pending
        TypeCategoryRole,             // int(TypeCategory)
        SortRole,                     // a value that sorts the column (numbers as numbers)
        UrlRole,                      // QString, the full URL
        InitiatorNameRole,            // QString, the script name of the initiator ("a.js")
        InitiatorLineRole,            // int, 1-based, 0 if unknown
        StartRole,                    // double, ms: timing.queued of the first hop
        EndRole,                      // double, ms: the end, or the latest stamp while in flight
        TimingRole,                   // QVariant(FetchRecord::Timing) of the last exchange
        AxisRole,                     // QPointF(axis start ms, axis end ms), the same for all
        ImportedRole,                 // bool: the row came from a HAR file
        RunIdRole,                    // quint64
        FilterTextRole,               // QString: what the text filter searches (URL, method)
    };
    Q_ENUM(Role)

    // What the type filter offers; from the response's Content-Type.
    enum class TypeCategory { Json, Text, Image, Media, Other };

    static constexpr int DefaultCapacity = 5000;
    static constexpr qint64 kPreviewBudget = qint64(64) << 20;

    explicit NetworkModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(NetworkModel)

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    // The fetch records of an inspector batch (other kinds are ignored).
    void apply(const nano::InspectorBatch& batch);
    // Records of one run, as the recorder publishes them (whole records, each replacing the
    // earlier state of the same fetch).
    void applyRecords(quint64 runId, const FetchRecords& records);
    // Rows from a HAR file, marked as imported, after the rows there are.
    void addImported(const FetchRecords& records);
    void clear();

    const FetchRecord& record(int row) const { return m_rows.at(size_t(row)).record; }
    bool isImported(int row) const { return m_rows.at(size_t(row)).imported; }
    double axisStart() const { return m_axisStart; }
    double axisEnd() const { return m_axisEnd; }
    // Bytes of body preview held over all rows.
    qint64 previewBytes() const { return m_previewBytes; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Helpers the dock, the details pane and the delegate share.
    static QByteArray headerValue(const FetchRecord::Headers& headers, const QByteArray& name);
    static QString mimeEssence(const FetchRecord& record); // "application/json", or empty
    static TypeCategory typeCategory(const QString& mimeEssence);
    static QString typeName(const QString& mimeEssence); // "json", "html", "png"
    // The bytes that crossed the wire for the body: Content-Length when the server sent one
    // (the encoded size), else the decoded size.
    static qint64 transferredSize(const FetchRecord& record);
    static double endOf(const FetchRecord& record); // the end, or the latest stamp known
    static double startOf(const FetchRecord& record);
    static QString statusText(const FetchRecord& record);
    static QString failureCause(const FetchRecord& record);

signals:
    // After each apply / addImported / clear: for the summary line.
    void totalsChanged();

private:
    struct Row {
        FetchRecord record;
        quint64 runId = 0;
        bool imported = false;
    };
    using Key = QPair<quint64, quint64>; // (run id, fetch id); imported rows use run id 0

    int rowOf(quint64 ordinal) const { return int(ordinal - m_firstOrdinal); }
    void append(std::vector<Row>& rows);
    void dropOldest(int count);
    void keepPreviewBudget();
    void updateAxis();
    QVariant displayData(const Row& row, int column) const;
    QVariant sortData(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    static qint64 previewSize(const FetchRecord& record);

    std::deque<Row> m_rows;
    quint64 m_firstOrdinal = 0; // ordinal of m_rows.front(); ordinals grow as rows are added
    QHash<Key, quint64> m_ordinals;
    quint64 m_importedSerial = 0;
    int m_capacity = DefaultCapacity;
    qint64 m_previewBytes = 0;
    double m_axisStart = 0;
    double m_axisEnd = 0;
};

// "12.3 kB"-style text for a byte count (decimal units, as DevTools shows sizes).
QString formatSize(qint64 bytes);
// "245 ms", "1.24 s" in the UI's language.
QString formatDuration(double ms);

} // namespace nano::ui

Q_DECLARE_METATYPE(nano::FetchRecord::Timing)
