#pragma once
// Filters the console model's messages by level and by text (case-insensitive), at every level
// of group nesting; the entries of a logged value's tree are always shown under a message that
// passes, a group header is shown while any message inside it passes, and run separators are
// always shown.

#include <QSortFilterProxyModel>

namespace nano::ui {

class ConsoleFilter final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ConsoleFilter(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConsoleFilter)

    // Whether messages of int(ConsoleMessage::Level) `level` are shown.
    void setLevelVisible(int level, bool visible);
    bool isLevelVisible(int level) const { return m_levelMask & (1u << level); }
    void setText(const QString& text);
    QString text() const { return m_text; }

    void setSourceModel(QAbstractItemModel* sourceModel) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool isFiltering() const { return m_levelMask != 0xffffffffu || !m_text.isEmpty(); }
    bool messagePasses(const QModelIndex& sourceIndex) const;
    bool passesOrHoldsPassing(const QModelIndex& sourceIndex) const;
    void onSourceRowsInserted(const QModelIndex& sourceParent, int first, int last);

    quint32 m_levelMask = 0xffffffffu;
    QString m_text;
};

} // namespace nano::ui
