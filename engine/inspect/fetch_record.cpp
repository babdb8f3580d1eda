#include "inspect/fetch_record.h"

#include <algorithm>

namespace nano {

void FetchRecord::BodyPreview::append(const char* data, qint64 size)
{
    if (kept != Kept::Whole || size <= 0) return;
    const qint64 room = kLimit - bytes.size();
    bytes.append(data, qsizetype(std::min(room, size)));
    if (size > room) kept = Kept::Head;
}

bool FetchRecord::operator==(const FetchRecord& o) const
{
    return id == o.id && initiator == o.initiator && method == o.method && url == o.url &&
           requestHeaders == o.requestHeaders && requestBodySize == o.requestBodySize &&
           requestBody == o.requestBody && redirects == o.redirects && status == o.status &&
           statusText == o.statusText && httpVersion == o.httpVersion &&
           remoteAddress == o.remoteAddress && responseHeaders == o.responseHeaders &&
           responseBodySize == o.responseBodySize && responseBody == o.responseBody &&
           wallClockMs == o.wallClockMs && timing == o.timing && state == o.state &&
           failureCode == o.failureCode && failureMessage == o.failureMessage;
}

int fetchTrafficKind()
{
    static const int kind = InspectorKinds::add(QStringLiteral("fetch"));
    return kind;
}

QString stateName(FetchRecord::State state)
{
    switch (state) {
    case FetchRecord::State::InFlight: return QStringLiteral("in-flight");
    case FetchRecord::State::Done: return QStringLiteral("done");
    case FetchRecord::State::Failed: return QStringLiteral("failed");
    case FetchRecord::State::Aborted: return QStringLiteral("aborted");
    }
    return QString();
}

} // namespace nano
