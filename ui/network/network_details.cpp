#include "network/network_details.h"

#include "network/body_highlighter.h"
#include "network/network_model.h"
#include "network/network_tr.h"
#include "network/timing_view.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace nano::ui {

namespace {

using Kept = FetchRecord::BodyPreview::Kept;
constexpr qsizetype kHexLimit = 64 * 1024; // the hex view's bytes: a dump of 1 MiB is 4 MiB
constexpr int kJsonValueRole = Qt::UserRole + 1;
constexpr int kJsonPopulatedRole = Qt::UserRole + 2;

QString escaped(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes).toHtmlEscaped();
}

QString headerTable(const FetchRecord::Headers& headers)
{
    QString html = QStringLiteral("<table cellspacing=2>");
    for (const auto& [name, value] : headers)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(escaped(name), escaped(value));
    return html + QStringLiteral("</table>");
}

QString rawHead(const FetchRecord::Headers& headers)
{
    QString text;
    for (const auto& [name, value] : headers)
        text += QString::fromUtf8(name + ": " + value) + u'\n';
    return text;
}

// A JSON value's one-line summary: {…} with its key count, [3], or the value itself.
QString jsonSummary(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Object: return QStringLiteral("{\u2026} %1").arg(value.toObject().size());
    case QJsonValue::Array: return QStringLiteral("[%1]").arg(value.toArray().size());
    case QJsonValue::String:
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default: return QStringLiteral("null");
    }
}

QTreeWidgetItem* jsonItem(const QString& key, const QJsonValue& value)
{
    auto* item = new QTreeWidgetItem({key, jsonSummary(value)});
    if ((value.isObject() && !value.toObject().isEmpty()) ||
        (value.isArray() && !value.toArray().isEmpty())) {
        // Children are made when the item is first expanded: a 1 MiB preview can hold 100k
        // values.
        item->setData(0, kJsonValueRole, QVariant::fromValue(value));
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    return item;
}

void populateJson(QTreeWidgetItem* item)
{
    if (item->data(0, kJsonPopulatedRole).toBool()) return;
    item->setData(0, kJsonPopulatedRole, true);
    const QJsonValue value = item->data(0, kJsonValueRole).value<QJsonValue>();
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            item->addChild(jsonItem(it.key(), it.value()));
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            item->addChild(jsonItem(QString::number(i), array.at(i)));
    }
}

QTreeWidgetItem* section(QTreeWidget* tree, const QString& title)
{
    auto* item = new QTreeWidgetItem(tree, {title});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

QTreeWidget* makeTree(QWidget* parent, const char* name)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(QLatin1String(name));
    tree->setColumnCount(2);
    tree->setUniformRowHeights(true);
    tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree->header()->resizeSection(0, 180);
    return tree;
}

bool isUtf8Text(const QByteArray& bytes, QString* text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *text = decoder(bytes);
    if (decoder.hasError()) return false;
    for (const QChar c : std::as_const(*text)) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t' && c != u'\r') return false;
    }
    return true;
}

} // namespace

NetworkDetails::NetworkDetails(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("networkDetails"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    auto* headers = new QWidget(m_tabs);
    auto* headersLayout = new QVBoxLayout(headers);
    headersLayout->setContentsMargins(4, 4, 4, 4);
    m_raw = new QCheckBox(headers);
    m_raw->setObjectName(QStringLiteral("networkRawHeaders"));
    connect(m_raw, &QCheckBox::toggled, this, &NetworkDetails::showHeaders);
    headersLayout->addWidget(m_raw);
    m_headers = new QTextBrowser(headers);
    m_headers->setObjectName(QStringLiteral("networkHeaders"));
    headersLayout->addWidget(m_headers, 1);
    m_tabs->addTab(headers, QString());

    auto* payload = new QSplitter(Qt::Vertical, m_tabs);
    m_payload = makeTree(payload, "networkPayload");
    m_payload->setHeaderHidden(true);
    m_requestBody = new QPlainTextEdit(payload);
    m_requestBody->setObjectName(QStringLiteral("networkRequestBody"));
    m_requestBody->setReadOnly(true);
    m_requestBody->setFont(fixed);
    m_tabs->addTab(payload, QString());

    auto* response = new QWidget(m_tabs);
    auto* responseLayout = new QVBoxLayout(response);
    responseLayout->setContentsMargins(4, 4, 4, 4);
    m_responseNote = new QLabel(response);
    m_responseNote->setObjectName(QStringLiteral("networkResponseNote"));
    m_responseNote->setWordWrap(true);
    m_responseNote->hide();
    responseLayout->addWidget(m_responseNote);
    m_responsePages = new QStackedWidget(response);
    m_responsePages->addWidget(new QLabel(m_responsePages)); // Empty
    m_json = makeTree(m_responsePages, "networkJsonTree");
    connect(m_json, &QTreeWidget::itemExpanded, this, &populateJson);
    m_responsePages->addWidget(m_json);
    m_text = new QPlainTextEdit(m_responsePages);
    m_text->setObjectName(QStringLiteral("networkResponseText"));
    m_text->setReadOnly(true);
    m_text->setFont(fixed);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    new BodyHighlighter(m_text->document());
    m_responsePages->addWidget(m_text);
    m_hex = new QPlainTextEdit(m_responsePages);
    m_hex->setObjectName(QStringLiteral("networkResponseHex"));
    m_hex->setReadOnly(true);
    m_hex->setFont(fixed);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_responsePages->addWidget(m_hex);
    auto* imageArea = new QScrollArea(m_responsePages);
    m_image = new QLabel(imageArea);
    m_image->setObjectName(QStringLiteral("networkImagePreview"));
    m_image->setAlignment(Qt::AlignCenter);
    imageArea->setWidget(m_image);
    imageArea->setWidgetResizable(true);
    m_responsePages->addWidget(imageArea);
    responseLayout->addWidget(m_responsePages, 1);
    m_tabs->addTab(response, QString());

    auto* timingArea = new QScrollArea(m_tabs);
    m_timing = new TimingView(timingArea);
    m_timing->setObjectName(QStringLiteral("networkTiming"));
    timingArea->setWidget(m_timing);
    timingArea->setWidgetResizable(true);
    m_tabs->addTab(timingArea, QString());

    m_redirects = makeTree(m_tabs, "networkRedirects");
    m_redirects->setColumnCount(5);
    m_redirects->setRootIsDecorated(false);
    m_tabs->addTab(m_redirects, QString());
    retranslate();
}

void NetworkDetails::retranslate()
{
    m_tabs->setTabText(HeadersTab, NetworkTr::tr("Headers"));
    m_tabs->setTabText(PayloadTab, NetworkTr::tr("Payload"));
    m_tabs->setTabText(ResponseTab, NetworkTr::tr("Response"));
    m_tabs->setTabText(TimingTab, NetworkTr::tr("Timing"));
    m_tabs->setTabText(RedirectsTab, NetworkTr::tr("Redirects"));
    m_raw->setText(NetworkTr::tr("Raw"));
    m_json->setHeaderLabels({NetworkTr::tr("Key"), NetworkTr::tr("Value")});
    m_redirects->setHeaderLabels({NetworkTr::tr("Hop"), NetworkTr::tr("Method"),
                                  NetworkTr::tr("URL"), NetworkTr::tr("Status"),
                                  NetworkTr::tr("Location")});
    if (m_record.id != 0) {
        m_shownType = QStringLiteral("\n");
        refresh();
    }
}

void NetworkDetails::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    if (event->type() == QEvent::PaletteChange) m_shownType.clear(); // re-colours the text
    QWidget::changeEvent(event);
}

void NetworkDetails::setRecord(const FetchRecord& record, bool imported)
{
    // Ids repeat across runs; the start time tells two fetches with the same id apart.
    const bool sameRequest = record.id == m_record.id &&
                             record.wallClockMs == m_record.wallClockMs && imported == m_imported;
    if (sameRequest && record == m_record) return; // keeps scroll positions and expansion
    m_record = record;
    m_imported = imported;
    if (!sameRequest) m_shownType = QStringLiteral("\n"); // forces a new Response view
    refresh();
}

void NetworkDetails::refresh()
{
    showHeaders();
    showPayload();
    showResponse();
    m_timing->setRecord(m_record);
    showRedirects();
    m_tabs->setTabVisible(RedirectsTab, !m_record.redirects.isEmpty());
}

QString NetworkDetails::headersText() const
{
    return m_headers->toPlainText();
}

QString NetworkDetails::responseNote() const
{
    return m_responseNote->isHidden() ? QString() : m_responseNote->text();
}

void NetworkDetails::showHeaders()
{
    const FetchRecord& r = m_record;
    if (m_raw->isChecked()) {
        const QUrl url(r.url);
        QString text =
            QStringLiteral("%1 %2 HTTP/%3\n")
                .arg(QString::fromLatin1(r.method),
                     QString::fromUtf8(url.path(QUrl::FullyEncoded).toUtf8()) +
                         (url.hasQuery() ? u'?' + url.query(QUrl::FullyEncoded) : QString()),
                     r.httpVersion.isEmpty() ? QStringLiteral("1.1")
                                             : QString::fromLatin1(r.httpVersion));
        text += rawHead(r.requestHeaders);
        if (r.status > 0) {
            text += QStringLiteral("\nHTTP/%1 %2 %3\n")
                        .arg(QString::fromLatin1(r.httpVersion.isEmpty() ? "1.1" : r.httpVersion))
                        .arg(r.status)
                        .arg(QString::fromLatin1(r.statusText));
            text += rawHead(r.responseHeaders);
        }
        m_headers->setPlainText(text);
        m_headers->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        return;
    }
    m_headers->setFont(font());
    QString html = QStringLiteral("<h4>%1</h4><table cellspacing=2>").arg(NetworkTr::tr("General"));
    auto row = [&html](const QString& name, const QString& value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(NetworkTr::tr("Request URL"), r.url);
    row(NetworkTr::tr("Request method"), QString::fromLatin1(r.method));
    row(NetworkTr::tr("Status"), NetworkModel::statusText(r));
    row(NetworkTr::tr("Cause"), NetworkModel::failureCause(r));
    row(NetworkTr::tr("Remote address"), r.remoteAddress);
    row(NetworkTr::tr("Initiator"), r.initiator);
    if (m_imported) row(NetworkTr::tr("Source"), NetworkTr::tr("Imported from a HAR file"));
    html += QStringLiteral("</table>");
    if (r.status > 0)
        html += QStringLiteral("<h4>%1</h4>").arg(NetworkTr::tr("Response Headers")) +
                headerTable(r.responseHeaders);
    html += QStringLiteral("<h4>%1</h4>").arg(NetworkTr::tr("Request Headers")) +
            headerTable(r.requestHeaders);
    m_headers->setHtml(html);
}

void NetworkDetails::showPayload()
{
    const FetchRecord& r = m_record;
    m_payload->clear();
    const QUrlQuery query{QUrl(r.url)};
    if (!query.isEmpty()) {
        QTreeWidgetItem* parent = section(m_payload, NetworkTr::tr("Query String Parameters"));
        for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded))
            parent->addChild(new QTreeWidgetItem({key, value}));
    }
    const QByteArray type = NetworkModel::headerValue(r.requestHeaders, "content-type").toLower();
    if (type.startsWith("application/x-www-form-urlencoded") && !r.requestBody.bytes.isEmpty()) {
        QTreeWidgetItem* parent = section(m_payload, NetworkTr::tr("Form Data"));
        QUrlQuery form(QString::fromUtf8(r.requestBody.bytes).replace(u'+', u' '));
        for (const auto& [key, value] : form.queryItems(QUrl::FullyDecoded))
            parent->addChild(new QTreeWidgetItem({key, value}));
    }
    m_payload->setHeaderHidden(true);
    m_payload->setVisible(m_payload->topLevelItemCount() > 0);
    QString text;
    if (r.requestBodySize == 0) {
        m_requestBody->setPlainText(NetworkTr::tr("No request body."));
    } else if (r.requestBody.kept == Kept::None) {
        m_requestBody->setPlainText(NetworkTr::tr("The request body (%1) was not kept.")
                                        .arg(formatSize(r.requestBodySize)));
    } else if (isUtf8Text(r.requestBody.bytes, &text)) {
        m_requestBody->setPlainText(text);
    } else {
        m_requestBody->setPlainText(hexDump(r.requestBody.bytes, kHexLimit));
    }
}

void NetworkDetails::showResponse()
{
    const FetchRecord& r = m_record;
    const QString essence = NetworkModel::mimeEssence(r);
    // An update of the same request that brought no new bytes keeps the view as it is (the
    // JSON tree's expanded items, the scroll position).
    if (r.responseBody.bytes.size() == m_shownBody.size() && essence == m_shownType &&
        r.responseBody.bytes == m_shownBody)
        return;
    m_shownBody = r.responseBody.bytes;
    m_shownType = essence;

    QString note;
    if (r.responseBody.kept == Kept::None && r.responseBodySize > 0)
        note = NetworkTr::tr("Body not kept: it passed while the network inspector was not "
                             "listening, or it was dropped to keep the log within its bound.");
    else if (r.responseBody.kept == Kept::Head)
        note = NetworkTr::tr("Body not kept whole: only its first %1 of %2 are shown.")
                   .arg(formatSize(r.responseBody.bytes.size()), formatSize(r.responseBodySize));
    m_responseNote->setText(note);
    m_responseNote->setVisible(!note.isEmpty());

    const QByteArray& body = r.responseBody.bytes;
    auto show = [this](ResponseView view, QWidget* page) {
        m_responseView = view;
        m_responsePages->setCurrentWidget(page);
    };
    if (body.isEmpty()) {
        show(ResponseView::Empty, m_responsePages->widget(0));
        auto* empty = static_cast<QLabel*>(m_responsePages->widget(0));
        empty->setText(r.responseBodySize > 0
                           ? QString()
                           : NetworkTr::tr("This request has no response data."));
        return;
    }
    const auto category = NetworkModel::typeCategory(essence);
    if (category == NetworkModel::TypeCategory::Image) {
        QPixmap pixmap;
        if (pixmap.loadFromData(body)) {
            m_image->setPixmap(pixmap);
            m_image->setToolTip(
                NetworkTr::tr("%1 \u00d7 %2 pixels").arg(pixmap.width()).arg(pixmap.height()));
            show(ResponseView::Image, m_responsePages->widget(4));
            return;
        }
    }
    if (category == NetworkModel::TypeCategory::Json && r.responseBody.kept == Kept::Whole) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            m_json->clear();
            QTreeWidgetItem* root = jsonItem(NetworkTr::tr("(root)"),
                                             document.isObject() ? QJsonValue(document.object())
                                                                 : QJsonValue(document.array()));
            m_json->addTopLevelItem(root);
            root->setExpanded(true);
            populateJson(root);
            show(ResponseView::JsonTree, m_json);
            return;
        }
    }
    QString text;
    if (isUtf8Text(body, &text) || (category != NetworkModel::TypeCategory::Other &&
                                    category != NetworkModel::TypeCategory::Image &&
                                    category != NetworkModel::TypeCategory::Media)) {
        auto* highlighter = m_text->document()->findChild<BodyHighlighter*>();
        m_text->setPlainText(text.isEmpty() ? QString::fromUtf8(body) : text);
        if (highlighter)
            highlighter->setLanguage(BodyHighlighter::languageOf(essence),
                                     palette().color(QPalette::Base).lightness() < 128);
        show(ResponseView::Text, m_text);
        return;
    }
    QString dump = hexDump(body, kHexLimit);
    if (body.size() > kHexLimit)
        dump += NetworkTr::tr("\u2026 %1 more bytes").arg(body.size() - kHexLimit);
    m_hex->setPlainText(dump);
    show(ResponseView::Hex, m_hex);
}

void NetworkDetails::showRedirects()
{
    m_redirects->clear();
    int hop = 1;
    for (const FetchRecord::RedirectHop& h : m_record.redirects) {
        m_redirects->addTopLevelItem(new QTreeWidgetItem(
            {QString::number(hop++), QString::fromLatin1(h.method), h.url,
             QStringLiteral("%1 %2").arg(h.status).arg(QString::fromLatin1(h.statusText)),
             QString::fromUtf8(NetworkModel::headerValue(h.headers, "location"))}));
    }
    if (!m_record.redirects.isEmpty())
        m_redirects->addTopLevelItem(
            new QTreeWidgetItem({QString::number(hop), QString::fromLatin1(m_record.method),
                                 m_record.url, NetworkModel::statusText(m_record), QString()}));
}

QString NetworkDetails::hexDump(const QByteArray& bytes, qsizetype limit)
{
    QString out;
    const qsizetype size = std::min(limit, bytes.size());
    out.reserve(size * 4 + 16);
    for (qsizetype offset = 0; offset < size; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = offset; i < offset + 16; ++i) {
            if (i < size) {
                const auto c = static_cast<unsigned char>(bytes.at(i));
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 0x20 && c < 0x7f ? QChar(c) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == offset + 7) out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    return out;
}

} // namespace nano::ui
