#include "editor_tabs.h"

#include "editor/code_editor.h"
#include "editor/editor_tr.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QTabBar>
#include <QUrl>

namespace nano::ui {

EditorTabs::EditorTabs(QWidget* parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("EditorTabs"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeBuffer);
    connect(this, &QTabWidget::currentChanged, this,
            [this](int index) { emit currentEditorChanged(editorAt(index)); });
}

CodeEditor* EditorTabs::current() const
{
    return qobject_cast<CodeEditor*>(currentWidget());
}

CodeEditor* EditorTabs::editorAt(int index) const
{
    return qobject_cast<CodeEditor*>(widget(index));
}

QVector<CodeEditor*> EditorTabs::editors() const
{
    QVector<CodeEditor*> result;
    for (int i = 0; i < count(); ++i)
        result.append(editorAt(i));
    return result;
}

CodeEditor* EditorTabs::editorForSourcePath(const QString& path) const
{
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (CodeEditor* editor : editors()) {
        if (editor->sourcePath() == wanted) return editor;
    }
    return nullptr;
}

void EditorTabs::closePristineBuffer()
{
    // As editors do: the empty untitled tab of a fresh start makes way for the first file.
    if (count() == 1 && current()->filePath().isEmpty() && !current()->isModified() &&
        current()->text().isEmpty()) {
        QWidget* old = widget(0);
        removeTab(0);
        old->deleteLater();
    }
}

CodeEditor* EditorTabs::editorForSourceUrl(const QString& url) const
{
    for (CodeEditor* editor : editors()) {
        if (editor->sourceUrl() == url) return editor;
    }
    // A bundle's module (File → Open Bundle) is an untitled buffer named as V8 names its
    // script, "app.nanobundle!/lib/util.js": console locations and error marks find it.
    if (url.contains(QLatin1String(".nanobundle!/"))) {
        for (CodeEditor* editor : editors())
            if (editor->filePath().isEmpty() && editor->displayName() == url) return editor;
    }
    const QUrl parsed(url);
    return parsed.isLocalFile() ? editorForSourcePath(parsed.toLocalFile()) : nullptr;
}

// The lowest number no open tab uses, as VS Code names its untitled buffers: the only tab is
// untitled-1 again after the start's empty tab made way for a file or was closed.
QString EditorTabs::nextUntitledName()
{
    QSet<QString> taken;
    for (CodeEditor* editor : editors())
        taken.insert(editor->displayName());
    for (int n = 1;; ++n) {
        const QString name = QStringLiteral("untitled-%1.js").arg(n);
        if (!taken.contains(name)) return name;
    }
}

CodeEditor* EditorTabs::newBuffer(const QString& text, const QString& name)
{
    auto* editor = new CodeEditor(this);
    editor->setUntitledName(name.isEmpty() ? nextUntitledName() : name);
    editor->setText(text);
    editor->setModified(!text.isEmpty());
    addEditor(editor);
    return editor;
}

CodeEditor* EditorTabs::openFile(const QString& path, QString* error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (CodeEditor* editor : editors()) {
        if (editor->filePath() == absolute) {
            setCurrentWidget(editor);
            emit fileOpened(absolute);
            return editor;
        }
    }
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return nullptr;
    }
    auto* editor = new CodeEditor(this);
    editor->setFilePath(absolute);
    editor->setText(QString::fromUtf8(file.readAll()));
    editor->setModified(false);
    closePristineBuffer();
    addEditor(editor);
    emit fileOpened(absolute);
    return editor;
}

void EditorTabs::addEditor(CodeEditor* editor)
{
    editor->setZoom(m_zoom);
    // Scintilla reserves a 2000 px wide line by default, so an empty buffer shows a horizontal
    // scroll bar: start narrow and let the bar follow the widest line instead.
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1);
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, true);
    connect(editor, &CodeEditor::modificationChanged, this, [this, editor] {
        updateTitle(editor);
        emit bufferModified();
    });
    connect(editor, &CodeEditor::textChanged, this, &EditorTabs::bufferModified);
    const int index = addTab(editor, QString());
    updateTitle(editor);
    setCurrentIndex(index);
    editor->setFocus();
}

void EditorTabs::updateTitle(CodeEditor* editor)
{
    const int index = indexOf(editor);
    if (index < 0) return;
    // The dirty marker: a bullet after the name, as in most editors.
    setTabText(index, editor->isModified() ? editor->displayName() + QStringLiteral(" \u25cf")
                                           : editor->displayName());
    setTabToolTip(index, editor->filePath().isEmpty() ? editor->displayName() : editor->filePath());
}

bool EditorTabs::save(CodeEditor* editor)
{
    if (!editor) return false;
    if (editor->filePath().isEmpty()) return saveAs(editor);
    QString error;
    if (!saveTo(editor, editor->filePath(), &error)) {
        QMessageBox::warning(this, EditorTr::tr("Save failed"),
                             EditorTr::tr("Could not save %1: %2").arg(editor->filePath(), error));
        return false;
    }
    return true;
}

bool EditorTabs::saveAs(CodeEditor* editor)
{
    if (!editor) return false;
    const QString suggested =
        editor->filePath().isEmpty() ? editor->displayName() : editor->filePath();
    const QString path =
        QFileDialog::getSaveFileName(this, EditorTr::tr("Save As"), suggested,
                                     EditorTr::tr("JavaScript files (*.js *.mjs);;All files (*)"));
    if (path.isEmpty()) return false;
    QString error;
    if (!saveTo(editor, path, &error)) {
        QMessageBox::warning(this, EditorTr::tr("Save failed"),
                             EditorTr::tr("Could not save %1: %2").arg(path, error));
        return false;
    }
    return true;
}

bool EditorTabs::saveTo(CodeEditor* editor, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(editor->text().toUtf8()) < 0 ||
        !file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    editor->setFilePath(path);
    editor->setModified(false);
    updateTitle(editor);
    emit fileSaved(editor->filePath());
    return true;
}

bool EditorTabs::closeBuffer(int index)
{
    CodeEditor* editor = editorAt(index);
    if (!editor) return false;
    if (editor->isModified()) {
        setCurrentIndex(index);
        if (!offerToSave(editor)) return false;
    }
    removeTab(index);
    editor->deleteLater();
    emit bufferModified();
    return true;
}

bool EditorTabs::offerToSave(CodeEditor* editor)
{
    const auto answer = QMessageBox::question(
        this, EditorTr::tr("Unsaved changes"),
        EditorTr::tr("%1 has unsaved changes. Save them?").arg(editor->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    return answer != QMessageBox::Cancel && (answer != QMessageBox::Save || save(editor));
}

bool EditorTabs::maybeSaveAll()
{
    QVector<CodeEditor*> unsaved;
    for (CodeEditor* editor : editors()) {
        if (editor->isModified()) unsaved.append(editor);
    }
    if (unsaved.isEmpty()) return true;
    if (unsaved.size() == 1) {
        setCurrentWidget(unsaved.first());
        return offerToSave(unsaved.first());
    }
    // One question for all of them: eight buffers must not mean eight dialogs.
    QStringList names;
    for (CodeEditor* editor : std::as_const(unsaved))
        names.append(editor->filePath().isEmpty() ? editor->displayName() : editor->filePath());
    QMessageBox box(QMessageBox::Warning, EditorTr::tr("Unsaved changes"),
                    EditorTr::tr("%1 buffers have unsaved changes. Save them?").arg(unsaved.size()),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("unsavedChangesDialog"));
    box.setInformativeText(names.join(u'\n'));
    QPushButton* saveAll = box.addButton(EditorTr::tr("Save All"), QMessageBox::AcceptRole);
    saveAll->setObjectName(QStringLiteral("saveAllButton"));
    QPushButton* discardAll =
        box.addButton(EditorTr::tr("Discard All"), QMessageBox::DestructiveRole);
    discardAll->setObjectName(QStringLiteral("discardAllButton"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(saveAll);
    box.exec();
    if (box.clickedButton() == discardAll) return true;
    if (box.clickedButton() != saveAll) return false;
    // Untitled buffers go through Save As; cancelling any of them keeps the window open.
    for (CodeEditor* editor : std::as_const(unsaved)) {
        setCurrentWidget(editor);
        if (!save(editor)) return false;
    }
    return true;
}

bool EditorTabs::hasUnsavedChanges() const
{
    for (CodeEditor* editor : editors()) {
        if (editor->isModified()) return true;
    }
    return false;
}

void EditorTabs::setZoom(int zoom)
{
    m_zoom = qBound(-8, zoom, 20);
    for (CodeEditor* editor : editors())
        editor->setZoom(m_zoom);
}

} // namespace nano::ui
