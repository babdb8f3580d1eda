#pragma once
// Hand-written HAR text for tst_har.cpp, kept out of the file moc reads (moc misreads raw
// string literals that hold quotes and "//").

// The shape Chrome DevTools exports, with fields we do not write.
inline const char* const kChromeHar = R"({"log": {"version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [{"startedDateTime": "2025-01-01T10:00:00.000+01:00", "id": "page_1",
                       "title": "x", "pageTimings": {"onLoad": 10}}],
            "entries": [{"pageref": "page_1", "_initiator": {"type": "other"},
              "startedDateTime": "2025-01-01T10:00:00.500+01:00", "time": 12.5,
              "request": {"method": "GET", "url": "https://a.test/", "httpVersion": "http/2.0",
                "headers": [{"name": ":authority", "value": "a.test"}], "queryString": [],
                "cookies": [], "headersSize": -1, "bodySize": 0},
              "response": {"status": 404, "statusText": "", "httpVersion": "http/2.0",
                "headers": [{"name": "content-type", "value": "text/html"}], "cookies": [],
                "content": {"size": 5, "mimeType": "text/html", "text": "nope!"},
                "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": 100},
              "cache": {}, "timings": {"blocked": 1.5, "dns": 2, "ssl": -1, "connect": -1,
                "send": 1, "wait": 7, "receive": 1, "_blocked_queueing": 1}}]}})";

// One entry with only the required fields.
inline const char* const kMinimalEntry = R"({"startedDateTime": "2025-01-01T00:00:00.000Z", "time": 0,
            "request": {"method": "GET", "url": "http://a/", "httpVersion": "", "headers": [],
              "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": 200, "statusText": "", "httpVersion": "", "headers": [],
              "cookies": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "",
              "headersSize": -1, "bodySize": -1},
            "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}})";
