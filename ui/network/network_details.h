#pragma once
// The details of one request, in tabs as DevTools has them: Headers (general, request and
// response headers; "Raw" shows them as on the wire), Payload (the query string parsed, form
// data, the request body), Response (JSON as an expandable tree, text with highlighting, a
// hex view for binary bodies, a preview for images; a note when the body was not kept whole),
// Timing (a bar per phase with its duration) and Redirects (each hop followed).

#include "engine/inspect/fetch_record.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;

namespace nano::ui {

class TimingView;

class NetworkDetails final : public QWidget {
    Q_OBJECT
public:
    enum Tab { HeadersTab, PayloadTab, ResponseTab, TimingTab, RedirectsTab };
    // What the Response tab shows for the current body.
    enum class ResponseView { Empty, JsonTree, Text, Hex, Image };

    explicit NetworkDetails(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(NetworkDetails)

    void setRecord(const FetchRecord& record, bool imported);
    const FetchRecord& record() const { return m_record; }

    QTabWidget* tabs() const { return m_tabs; }
    ResponseView responseView() const { return m_responseView; }
    QTreeWidget* jsonTree() const { return m_json; }
    QTreeWidget* payloadTree() const { return m_payload; }
    QTreeWidget* redirectsTree() const { return m_redirects; }
    TimingView* timingView() const { return m_timing; }
    QString headersText() const;  // the Headers tab as plain text
    QString responseNote() const; // "body not kept" and the like, empty if whole
    QCheckBox* rawHeaders() const { return m_raw; }

    // A hex dump: offset, 16 bytes in hex, the same as ASCII. At most `limit` bytes.
    static QString hexDump(const QByteArray& bytes, qsizetype limit);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refresh();
    void showHeaders();
    void showPayload();
    void showResponse();
    void showRedirects();

    FetchRecord m_record;
    bool m_imported = false;
    QTabWidget* m_tabs = nullptr;
    QCheckBox* m_raw = nullptr;
    QTextBrowser* m_headers = nullptr;
    QTreeWidget* m_payload = nullptr;
    QPlainTextEdit* m_requestBody = nullptr;
    QLabel* m_responseNote = nullptr;
    QStackedWidget* m_responsePages = nullptr;
    QTreeWidget* m_json = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_hex = nullptr;
    QLabel* m_image = nullptr;
    ResponseView m_responseView = ResponseView::Empty;
    QByteArray m_shownBody; // what the Response tab shows, so that an update that did not
    QString m_shownType;    // change the body keeps the tree's expanded state
    TimingView* m_timing = nullptr;
    QTreeWidget* m_redirects = nullptr;
};

} // namespace nano::ui
