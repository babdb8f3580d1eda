#pragma once
// The misbehaving routes of the test server, /fault/NAME (issue 17's fault suite): each does
// one thing wrong on purpose at the byte level (a head cut short, a body shorter than its
// Content-Length, a bad status line, 10 000 headers, an endless or bomb body, ...). The list
// with what each does is in describeFaults(), part of the index at "/".

#include "http_exchange.h"

namespace nano::testserver {

// Answers /fault/NAME; false if NAME is not a fault (the caller answers 404).
bool handleFault(const QString& name, const std::shared_ptr<Exchange>& exchange);
QByteArray describeFaults();

} // namespace nano::testserver
