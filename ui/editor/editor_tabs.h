#pragma once
// The editor area: one tab per buffer, open / save / save as / close with a dirty marker in
// the tab title and a prompt before unsaved work is discarded.

#include <QTabWidget>
#include <QVector>

namespace nano::ui {

class CodeEditor;

class EditorTabs final : public QTabWidget {
    Q_OBJECT
public:
    explicit EditorTabs(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EditorTabs)

    CodeEditor* current() const;
    CodeEditor* editorAt(int index) const;
    QVector<CodeEditor*> editors() const;
    // The buffer the engine knows as `path` (a saved file, or an untitled buffer's sourcePath).
    CodeEditor* editorForSourcePath(const QString& path) const;
    // The buffer of a URL in a stack trace or console row: file:///..., or untitled:<name>.
    CodeEditor* editorForSourceUrl(const QString& url) const;

    CodeEditor* newBuffer(const QString& text = QString(), const QString& name = QString());
    // Closes the only tab if it is an untouched, empty untitled buffer.
    void closePristineBuffer();
    // Opens `path` (or shows it if already open). On failure returns nullptr and sets `error`.
    CodeEditor* openFile(const QString& path, QString* error = nullptr);
    // Saves to the buffer's file, asking for one if it has none. False if cancelled or failed.
    bool save(CodeEditor* editor);
    bool saveAs(CodeEditor* editor);
    bool saveTo(CodeEditor* editor, const QString& path, QString* error = nullptr);
    // Closes the tab, asking first if it has unsaved changes. False if the user cancelled.
    bool closeBuffer(int index);
    // Asks once about all unsaved buffers (Save All / Discard All / Cancel; a single one gets
    // Save / Discard / Cancel) and saves them if asked to; false if the user cancelled, also
    // in a Save As of an untitled buffer, or if saving failed.
    bool maybeSaveAll();
    bool hasUnsavedChanges() const;

    void setZoom(int zoom);
    int zoom() const { return m_zoom; }

signals:
    // Also when the file was open already and openFile() only showed it (for recent files).
    void fileOpened(const QString& path);
    void fileSaved(const QString& path);
    void currentEditorChanged(nano::ui::CodeEditor* editor);
    void bufferModified();

private:
    void addEditor(CodeEditor* editor);
    void updateTitle(CodeEditor* editor);
    // Asks whether to save the editor's unsaved changes (and saves them); false when the user
    // cancels or saving fails.
    bool offerToSave(CodeEditor* editor);
    QString nextUntitledName();

    int m_zoom = 0;
};

} // namespace nano::ui
