#pragma once
// The network table's filter and sort proxy: a text filter (URL, method and status, case
// insensitive), status classes (2xx, 3xx, 4xx, 5xx, failed: failed and aborted fetches) and a
// type category; sorting by any column through NetworkModel::SortRole.

#include "network/network_model.h"

#include <QSortFilterProxyModel>

namespace nano::ui {

class NetworkFilter final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum StatusClass {
        Status2xx = 0x1,
        Status3xx = 0x2,
        Status4xx = 0x4,
        Status5xx = 0x8,
        StatusFailed = 0x10,
        AllStatusClasses = 0x1f,
    };

    explicit NetworkFilter(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(NetworkFilter)

    void setText(const QString& text);
    QString text() const { return m_text; }
    // A set of StatusClass flags; rows in flight without a status always pass.
    void setStatusClasses(int classes);
    int statusClasses() const { return m_classes; }
    // -1: every type; else an int(NetworkModel::TypeCategory).
    void setTypeCategory(int category);
    int typeCategory() const { return m_type; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    int m_classes = AllStatusClasses;
    int m_type = -1;
};

} // namespace nano::ui
