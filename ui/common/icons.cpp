#include "icons.h"

#include "engine/inspect/console_message.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <functional>

namespace nano::ui::icons {

namespace {

QIcon paint(const std::function<void(QPainter&)>& draw)
{
    QIcon icon;
    for (int size : {16, 24, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 16.0, size / 16.0);
        draw(painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon badge(const QColor& color, const QString& glyph)
{
    return paint([color, glyph](QPainter& p) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QRectF(1.5, 1.5, 13, 13));
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(11);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRectF(1.5, 1.5, 13, 13), Qt::AlignCenter, glyph);
    });
}

QColor ink()
{
    return QGuiApplication::palette().color(QPalette::WindowText);
}

} // namespace

QIcon level(int consoleLevel)
{
    using Level = ConsoleMessage::Level;
    switch (Level(consoleLevel)) {
    case Level::Error: {
        static const QIcon icon = badge(QColor(0xd0, 0x30, 0x30), QStringLiteral("\u00d7"));
        return icon;
    }
    case Level::Warn: {
        static const QIcon icon = paint([](QPainter& p) {
            QPainterPath triangle;
            triangle.moveTo(8, 1.5);
            triangle.lineTo(15, 14.5);
            triangle.lineTo(1, 14.5);
            triangle.closeSubpath();
            p.fillPath(triangle, QColor(0xe0, 0xa0, 0x10));
            p.setPen(QPen(Qt::white, 1.8));
            p.drawLine(QPointF(8, 6), QPointF(8, 10));
            p.drawPoint(QPointF(8, 12.5));
        });
        return icon;
    }
    case Level::Info: {
        static const QIcon icon = badge(QColor(0x30, 0x78, 0xd0), QStringLiteral("i"));
        return icon;
    }
    case Level::Debug: {
        static const QIcon icon = badge(QColor(0x90, 0x90, 0x90), QStringLiteral("\u00b7"));
        return icon;
    }
    case Level::Log: break;
    }
    return {};
}

QIcon run()
{
    return paint([](QPainter& p) {
        QPainterPath path;
        path.moveTo(4, 2.5);
        path.lineTo(13.5, 8);
        path.lineTo(4, 13.5);
        path.closeSubpath();
        p.fillPath(path, QColor(0x2e, 0xa0, 0x43));
    });
}

QIcon stop()
{
    return paint([](QPainter& p) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd0, 0x30, 0x30));
        p.drawRoundedRect(QRectF(3, 3, 10, 10), 1.5, 1.5);
    });
}

QIcon clear()
{
    return paint([](QPainter& p) {
        p.setPen(QPen(ink(), 1.6));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(2.5, 2.5, 11, 11));
        p.drawLine(QPointF(4.5, 11.5), QPointF(11.5, 4.5));
    });
}

QIcon collectGarbage()
{
    return paint([](QPainter& p) {
        p.setPen(QPen(ink(), 1.4));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(4, 5, 8, 9));
        p.drawLine(QPointF(2.5, 4), QPointF(13.5, 4));
        p.drawLine(QPointF(6.5, 2), QPointF(9.5, 2));
        p.drawLine(QPointF(6.5, 7), QPointF(6.5, 12));
        p.drawLine(QPointF(9.5, 7), QPointF(9.5, 12));
    });
}

QIcon snapshot()
{
    return paint([](QPainter& p) {
        p.setPen(QPen(ink(), 1.4));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(1.5, 4.5, 13, 9), 1.5, 1.5);
        p.drawRect(QRectF(5.5, 2.5, 5, 2));
        p.drawEllipse(QRectF(5.5, 6.5, 5, 5));
    });
}

QIcon application()
{
    return paint([](QPainter& p) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x24, 0x29, 0x2e));
        p.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(8);
        p.setFont(font);
        p.setPen(QColor(0xf0, 0xdb, 0x4f));
        p.drawText(QRectF(0.5, 0.5, 15, 15), Qt::AlignCenter, QStringLiteral("JS"));
    });
}

} // namespace nano::ui::icons
