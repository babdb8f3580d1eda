import { test, run, equal, deepEqual, assert, throws } from "./lib/harness.js";

const bytes = (...b) => new Uint8Array(b);
const codeUnits = (s) => [...s].map((c) => c.codePointAt(0).toString(16));

test("TextEncoder.encode", () => {
  const encoder = new TextEncoder();
  equal(encoder.encoding, "utf-8");
  deepEqual([...encoder.encode("a€😀")], [0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  equal(encoder.encode().length, 0);
  equal(encoder.encode(undefined).length, 0);
  deepEqual([...encoder.encode("\uD800x")], [0xef, 0xbf, 0xbd, 0x78]); // lone surrogate
  deepEqual([...encoder.encode(null)], [...encoder.encode("null")]);
  assert(encoder.encode("x") instanceof Uint8Array);
});

test("TextEncoder.encodeInto stops before a code point that does not fit", () => {
  const encoder = new TextEncoder();
  const dest = new Uint8Array(5);
  deepEqual(encoder.encodeInto("a😀b", dest), { read: 3, written: 5 });
  deepEqual([...dest], [0x61, 0xf0, 0x9f, 0x98, 0x80]);
  deepEqual(encoder.encodeInto("€€", new Uint8Array(4)), { read: 1, written: 3 });
  deepEqual(encoder.encodeInto("\uDC00", new Uint8Array(3)), { read: 1, written: 3 });
  const shared = new Uint8Array(new SharedArrayBuffer(2));
  deepEqual(encoder.encodeInto("hi", shared), { read: 2, written: 2 });
  const offset = new Uint8Array(new ArrayBuffer(8), 4, 2);
  deepEqual(encoder.encodeInto("xyz", offset), { read: 2, written: 2 });
  throws(() => encoder.encodeInto("x", new Uint16Array(2)), "TypeError",
         "Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'");
  throws(() => encoder.encodeInto("x"), "TypeError", "2 arguments required");
});

test("TextDecoder: defaults and attributes", () => {
  const decoder = new TextDecoder();
  deepEqual([decoder.encoding, decoder.fatal, decoder.ignoreBOM], ["utf-8", false, false]);
  equal(decoder.decode(), "");
  equal(decoder.decode(bytes(0x68, 0x69)), "hi");
  equal(decoder.decode(new Uint8Array([0x68, 0x69]).buffer), "hi");
  equal(decoder.decode(new DataView(new Uint8Array([0xc3, 0xa9]).buffer)), "é");
  const options = new TextDecoder("UTF-16", { fatal: true, ignoreBOM: true });
  deepEqual([options.encoding, options.fatal, options.ignoreBOM], ["utf-16le", true, true]);
});

test("TextDecoder: UTF-8 replacement follows the spec's maximal subparts", () => {
  const decoder = new TextDecoder();
  const cases = [
    [[0xff], "\uFFFD"],
    [[0xf0, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD"],
    [[0xe2, 0x82], "\uFFFD"],
    [[0xe2, 0x82, 0x41], "\uFFFDA"],
    [[0xed, 0xa0, 0x80], "\uFFFD\uFFFD\uFFFD"], // an encoded surrogate
    [[0xc0, 0xaf], "\uFFFD\uFFFD"],
    [[0xf4, 0x90, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD\uFFFD"],
    [[0xf0, 0x9f, 0x98, 0x80], "😀"],
  ];
  for (const [input, expected] of cases)
    deepEqual(codeUnits(decoder.decode(new Uint8Array(input))), codeUnits(expected), JSON.stringify(input));
});

test("TextDecoder: BOM handling", () => {
  equal(new TextDecoder().decode(bytes(0xef, 0xbb, 0xbf, 0x41)), "A");
  equal(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes(0xef, 0xbb, 0xbf, 0x41)), "\uFEFFA");
  equal(new TextDecoder().decode(bytes(0x41, 0xef, 0xbb, 0xbf)), "A\uFEFF"); // only at the start
  equal(new TextDecoder("utf-16le").decode(bytes(0xff, 0xfe, 0x41, 0x00)), "A");
  equal(new TextDecoder("utf-16be").decode(bytes(0xfe, 0xff, 0x00, 0x41)), "A");
  // A UTF-16BE BOM is not stripped by a UTF-16LE decoder: it decodes to U+FFFE.
  equal(new TextDecoder("utf-16le").decode(bytes(0xfe, 0xff)), "\uFFFE");
  // Streaming: the BOM split across chunks is still dropped once.
  const decoder = new TextDecoder();
  let out = decoder.decode(bytes(0xef, 0xbb), { stream: true });
  out += decoder.decode(bytes(0xbf, 0xef, 0xbb, 0xbf), { stream: true });
  out += decoder.decode();
  equal(out, "\uFEFF");
});

test("TextDecoder: the stream option keeps partial sequences", () => {
  const decoder = new TextDecoder();
  const euro = [0xe2, 0x82, 0xac];
  let out = "";
  for (const b of euro) out += decoder.decode(bytes(b), { stream: true });
  out += decoder.decode();
  equal(out, "€");
  // Without stream the partial sequence is an error at the end.
  equal(decoder.decode(bytes(0xe2, 0x82)), "\uFFFD");
  const utf16 = new TextDecoder("utf-16le");
  const pair = [0x3d, 0xd8, 0x00, 0xde]; // U+1F600
  out = "";
  for (const b of pair) out += utf16.decode(bytes(b), { stream: true });
  equal(out + utf16.decode(), "😀");
  equal(utf16.decode(bytes(0x41)), "\uFFFD"); // an odd byte at the end
  equal(utf16.decode(bytes(0x00, 0xd8, 0x41, 0x00)), "\uFFFDA"); // unpaired lead surrogate
});

// decode() takes an AllowSharedBufferSource ([AllowShared] in the Encoding spec's IDL).
test("TextDecoder: decodes a SharedArrayBuffer and a view on one", () => {
  const shared = new SharedArrayBuffer(6);
  new Uint8Array(shared).set([0x68, 0x69, 0xe2, 0x82, 0xac, 0x21]);
  const decoder = new TextDecoder();
  equal(decoder.decode(shared), "hi€!");
  equal(decoder.decode(new Uint8Array(shared, 2, 3)), "€");
  equal(decoder.decode(new DataView(shared, 0, 2)), "hi");
});

test("TextDecoder: fatal mode throws a TypeError", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true });
  throws(() => fatal.decode(bytes(0xc3)), "TypeError", "Failed to execute 'decode' on 'TextDecoder'");
  throws(() => fatal.decode(bytes(0xff, 0x41)), "TypeError", "not valid");
  equal(fatal.decode(bytes(0xc3, 0xa9)), "é"); // usable afterwards
  throws(() => new TextDecoder("utf-16be", { fatal: true }).decode(bytes(0xdc, 0x00)), "TypeError");
  throws(() => new TextDecoder("shift_jis", { fatal: true }).decode(bytes(0x82)), "TypeError");
});

test("TextDecoder: legacy encodings", () => {
  const decode = (label, ...b) => new TextDecoder(label).decode(new Uint8Array(b));
  equal(decode("latin1", 0x80, 0x81, 0xe9), "€\u0081é"); // windows-1252, with its C1 bytes
  equal(decode("ascii", 0x9f), "Ÿ");
  equal(decode("iso-8859-2", 0xb1), "ą");
  equal(decode("iso-8859-16", 0xa4, 0xaa), "€Ș");
  equal(decode("koi8-r", 0xc1), "а");
  equal(decode("windows-1251", 0xc0), "А");
  equal(decode("x-user-defined", 0x41, 0x80, 0xff), "A\uF780\uF7FF");
  equal(decode("shift_jis", 0x82, 0xa0, 0x41), "あA");
  equal(decode("euc-jp", 0xa4, 0xa2), "あ");
  equal(decode("iso-2022-jp", 0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42), "あ");
  equal(decode("gbk", 0xc4, 0xe3), "你");
  equal(decode("gb18030", 0x81, 0x30, 0x81, 0x30), "\u0080");
  equal(decode("big5", 0xa4, 0x40), "一");
  equal(decode("euc-kr", 0xb0, 0xa1), "가");
  equal(decode("macintosh", 0x80), "Ä");
  equal(decode("windows-874", 0xa1), "ก");
  equal(decode("shift_jis", 0xff), "\uFFFD");
  // Streaming through ICU keeps partial characters too.
  const sjis = new TextDecoder("shift_jis");
  equal(sjis.decode(bytes(0x82), { stream: true }) + sjis.decode(bytes(0xa0)), "あ");
});

// https://encoding.spec.whatwg.org/encodings.json: every label and its encoding's name.
const labels = {
  "utf-8": ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
  "ibm866": ["866", "cp866", "csibm866", "ibm866"],
  "iso-8859-2": ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"],
  "iso-8859-3": ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"],
  "iso-8859-4": ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"],
  "iso-8859-5": ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"],
  "iso-8859-6": ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"],
  "iso-8859-7": ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"],
  "iso-8859-8": ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"],
  "iso-8859-8-i": ["csiso88598i", "iso-8859-8-i", "logical"],
  "iso-8859-10": ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"],
  "iso-8859-13": ["iso-8859-13", "iso8859-13", "iso885913"],
  "iso-8859-14": ["iso-8859-14", "iso8859-14", "iso885914"],
  "iso-8859-15": ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"],
  "iso-8859-16": ["iso-8859-16"],
  "koi8-r": ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"],
  "koi8-u": ["koi8-ru", "koi8-u"],
  "macintosh": ["csmacintosh", "mac", "macintosh", "x-mac-roman"],
  "windows-874": ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"],
  "windows-1250": ["cp1250", "windows-1250", "x-cp1250"],
  "windows-1251": ["cp1251", "windows-1251", "x-cp1251"],
  "windows-1252": ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"],
  "windows-1253": ["cp1253", "windows-1253", "x-cp1253"],
  "windows-1254": ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"],
  "windows-1255": ["cp1255", "windows-1255", "x-cp1255"],
  "windows-1256": ["cp1256", "windows-1256", "x-cp1256"],
  "windows-1257": ["cp1257", "windows-1257", "x-cp1257"],
  "windows-1258": ["cp1258", "windows-1258", "x-cp1258"],
  "x-mac-cyrillic": ["x-mac-cyrillic", "x-mac-ukrainian"],
  "gbk": ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"],
  "gb18030": ["gb18030"],
  "big5": ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"],
  "euc-jp": ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"],
  "iso-2022-jp": ["csiso2022jp", "iso-2022-jp"],
  "shift_jis": ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
  "euc-kr": ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"],
  "utf-16be": ["unicodefffe", "utf-16be"],
  "utf-16le": ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
  "x-user-defined": ["x-user-defined"],
};

test("TextDecoder: every WHATWG label, trimmed and case-insensitive, decodes ASCII", () => {
  for (const [name, list] of Object.entries(labels)) {
    for (const label of list) {
      for (const variant of [label, ` \t${label.toUpperCase()}\n\f\r`]) {
        const decoder = new TextDecoder(variant);
        equal(decoder.encoding, name, variant);
      }
      const sample = name.startsWith("utf-16") ? null : new TextDecoder(label).decode(bytes(0x41, 0x42));
      if (sample !== null && name !== "iso-2022-jp") equal(sample, "AB", label);
    }
  }
});

test("TextDecoder: replacement labels and unknown labels are RangeErrors", () => {
  for (const label of ["replacement", "iso-2022-kr", "hz-gb-2312", "iso-2022-cn", "csiso2022kr", "iso-2022-cn-ext", "", "utf-7", "\u00a0utf-8", "utf-8\u0000"])
    throws(() => new TextDecoder(label), "RangeError", "Failed to construct 'TextDecoder': The encoding label provided");
  throws(() => new TextDecoder("utf-8", 5), "TypeError", "TextDecoderOptions");
  throws(() => new TextDecoder().decode("abc"), "TypeError", "ArrayBuffer or ArrayBufferView");
  throws(() => TextDecoder(), "TypeError", "'new' operator");
});

await run();
