// URL manipulation with the WHATWG URL API.

const url = new URL('https://user:pw@example.com:8080/docs/../api/v1?q=nano&lang=de#top');
console.log('href:', url.href);
console.log('parts:', {
  protocol: url.protocol, username: url.username, host: url.host, hostname: url.hostname,
  port: url.port, pathname: url.pathname, search: url.search, hash: url.hash, origin: url.origin,
});

// Relative references resolve against a base.
console.log(new URL('../img/logo.svg', 'https://example.com/a/b/page.html').href);

// The setters re-serialize the URL.
url.pathname = '/api/v2/items';
url.hash = '';
url.port = '443'; // https's default port disappears
console.log('after the setters:', url.href);

// Internationalized domain names become punycode.
console.log(new URL('https://bücher.example/').hostname);

try {
  new URL('htp//missing-colon');
} catch (error) {
  console.log(`${error.name}: ${error.message}`);
}
