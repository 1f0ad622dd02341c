// Package searchtest serves fake news-search providers on 127.0.0.1 for
// tests and the offline demo: [GoogleNews] (RSS search, article pages with
// their signature, the batchexecute call that resolves current article
// ids) and [GDELT] (the DOC 2.0 artlist API). Both speak the providers'
// formats as observed, including their refusals: 429 answers, plain-text
// errors and malformed JSON. Every response is written by this package.
package searchtest
