#pragma once
// A console message as it crosses from the engine thread to listeners (value type).

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace nano {

struct ConsoleMessage {
    enum class Level { Log, Info, Warn, Error, Debug };
    // What produced it: a console method, or the engine reporting an error.
    enum class Kind {
        Console,
        Table,
        Trace,
        Group,
        GroupCollapsed,
        GroupEnd,
        Uncaught,
        Reported,
        Warning,
        Result,
        RunStart // a separator the workbench adds when a run starts (never from the engine)
    };

    Level level = Level::Log;
    Kind kind = Kind::Console;
    QString text;           // formatted, UTF-16; nested lines for groups are already indented
    int groupDepth = 0;     // console.group nesting at the time of the call
    QString sourceUrl;      // the script or module the call came from (may be empty)
    int line = 0;           // 1-based; 0 when unknown
    int column = 0;         // 1-based; 0 when unknown
    qint64 timestampMs = 0; // milliseconds since the Unix epoch
    quint64 runId = 0;
    // console.table: column titles and, per row, one cell per column (empty otherwise). `text`
    // holds the same table drawn with box characters.
    QStringList tableColumns;
    QVector<QStringList> tableRows;
    // Messages that logged objects: an id unique in the process and the indices of the
    // arguments that were objects. The engine keeps the run's last logged objects addressable
    // by (messageId, argument index) for Controller::storeAsGlobal and loggedValueAsJson.
    quint64 messageId = 0;
    QVector<int> objectArgs;

    // Messages that only shape the console's structure: console.groupEnd(), and a group without
    // a label (empty text). A terminal prints nothing for them.
    bool isStructural() const
    {
        return kind == Kind::GroupEnd ||
               ((kind == Kind::Group || kind == Kind::GroupCollapsed) && text.isEmpty());
    }

    // Messages that belong on stderr in a terminal.
    bool isErrorStream() const
    {
        return level == Level::Warn || level == Level::Error || kind == Kind::Trace;
    }
};

using ConsoleMessages = QVector<ConsoleMessage>;

} // namespace nano

Q_DECLARE_METATYPE(nano::ConsoleMessage)
Q_DECLARE_METATYPE(nano::ConsoleMessages)
