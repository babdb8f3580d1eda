#pragma once
// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) over fetch traffic records: the one
// writer and reader that `nanojs run --har` and the network dock ("Export/Import HAR") share.
//
// Writing: one entry per exchange, ordered by startedDateTime: each redirect hop of a record,
// then its final request. Sizes the transport does not know are -1 (headersSize, the response's
// encoded bodySize), as are the timings it cannot tell apart (dns; ssl unless both TLS stamps
// are known; connect on a reused connection); time is the sum of the others (ssl is inside
// connect). A body is content.text when it is UTF-8, else base64 with encoding "base64".
// What HAR has no field for goes into custom fields, which the spec allows with a leading
// underscore: _nanoId, _nanoHop (a redirect hop's index), _nanoInitiator, _nanoState,
// _nanoErrorCode, _nanoErrorMessage, _nanoKept ("head": only the first 1 MiB of the body was
// kept) and, in postData, _encoding.
//
// Reading turns a HAR back into records (entries grouped by _nanoId; a HAR from elsewhere gets
// one record per entry). writeHar(readHar(writeHar(r))) == writeHar(r): timestamps come back
// relative to the first entry, which the HAR's durations are.

#include "fetch_record.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace nano::har {

// {"log": {...}}: version "1.2", creator NANO Workbench with `creatorVersion`, no pages, the
// entries.
QJsonObject toHar(const FetchRecords& records,
                  const QString& creatorVersion = QStringLiteral(NANO_VERSION));
// The same as indented JSON, what a .har file holds.
QByteArray writeHar(const FetchRecords& records,
                    const QString& creatorVersion = QStringLiteral(NANO_VERSION));

// A HAR file's records, ordered by id. False with `error` set ("log.entries[3].request.url:
// expected a string") for a file that is not JSON or not a HAR 1.x log.
bool readHar(const QByteArray& json, FetchRecords* records, QString* error);

} // namespace nano::har
