#pragma once
// The network inspector's dock, after DevTools' Network panel: a filter bar (text, status
// classes, type, Clear, Preserve log, Import/Export HAR), the request table (NetworkModel
// through NetworkFilter, the waterfall painted by WaterfallDelegate), the details pane of the
// selected request (NetworkDetails) and a summary line.
//
// The dock subscribes to the engine's fetch traffic (setController), so the recorder keeps
// body previews while the dock exists. beginRun() clears the table unless "Preserve log" is
// on. The context menu and toolbar actions (network_actions.cpp) copy a request as URL, cURL
// or fetch code, copy or save the response body, resend the request through the engine, and
// export or import HAR files with the same writer and reader as `nanojs run --har`.

#include "engine/inspect/fetch_record.h"

#include <QDockWidget>
#include <QList>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QToolBar;
class QToolButton;

namespace nano {
class Controller;
struct InspectorBatch;
} // namespace nano

namespace nano::ui {

class NetworkDetails;
class NetworkFilter;
class NetworkModel;
class WaterfallDelegate;

class NetworkDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit NetworkDock(QWidget* parent = nullptr);
    ~NetworkDock() override;
    Q_DISABLE_COPY_MOVE(NetworkDock)

    NetworkModel* model() const { return m_model; }
    NetworkFilter* filter() const { return m_filter; }
    QTableView* view() const { return m_view; }
    NetworkDetails* details() const { return m_details; }
    QCheckBox* preserveLog() const { return m_preserve; }
    QString summaryText() const;

    // Subscribes to the fetch traffic and is the engine behind Resend.
    void setController(nano::Controller* controller);

    // The actions of the context menu and toolbar, by objectName: networkCopyUrlAction,
    // networkCopyCurlAction, networkCopyFetchAction, networkCopyResponseAction,
    // networkSaveBodyAction, networkResendAction, networkExportAction,
    // networkExportSelectedAction, networkImportAction, networkClearAction. The row actions
    // act on the current row.
    QAction* action(const QString& objectName) const;

    // The records of the selected rows (in table order), or of every row.
    FetchRecords selectedRecords() const;
    FetchRecords allRecords() const;
    // The current row's record; false if there is none.
    bool currentRecord(FetchRecord* record) const;

    // HAR files (the same writer and reader as nanojs run --har). False with `error` set.
    bool exportHar(const QString& path, const FetchRecords& records, QString* error) const;
    bool importHar(const QString& path, QString* error);

public slots:
    void appendEvents(const nano::InspectorBatch& batch);
    void beginRun(quint64 runId);
    void clear();
    void copyUrl();
    void copyAsCurl();
    void copyAsFetch();
    void copyResponse();
    void saveResponseBody(); // asks for the file
    void resend();
    void exportAll();      // asks for the file
    void exportSelected(); // asks for the file
    void importFile();     // asks for the file

signals:
    // The user clicked an initiator: `name` is the script ("a.js", or a file:// URL).
    void initiatorActivated(const QString& name, int line);
    // Resend: the code to run in the engine (a fetch() call that reads the body).
    void resendRequested(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createToolBar(QToolBar* bar);
    void createActions();
    void updateActions();
    void updateSummary();
    void updateStatusFilter();
    void showCurrent();
    void retranslate();
    void warn(const QString& text);

    NetworkModel* m_model = nullptr;
    NetworkFilter* m_filter = nullptr;
    QTableView* m_view = nullptr;
    WaterfallDelegate* m_waterfall = nullptr;
    NetworkDetails* m_details = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QList<QToolButton*> m_statusButtons; // 2xx, 3xx, 4xx, 5xx, failed
    QComboBox* m_type = nullptr;
    QCheckBox* m_preserve = nullptr;
    QLabel* m_summary = nullptr;
    QPointer<nano::Controller> m_controller; // the window may delete it before the dock
    bool m_subscribed = false;
};

} // namespace nano::ui
