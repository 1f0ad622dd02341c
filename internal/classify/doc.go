// Package classify decides whether a news article is about Viet Nam–Japan
// relations and which cooperation pillars it concerns, in English,
// Vietnamese and Japanese, and says why. It is pure apart from reading a
// model file named in the configuration: no network, no logging, no cgo,
// no model server; a [Classifier] is safe for concurrent use.
//
// # How it decides
//
// The decision is one pipeline of named stages, declared in order in
// pipeline.go: prepare, index, countries, relevance, pillar-evidence,
// conventions, pillars, primary and evidence. The hand-set rules find
// evidence and turn it into features; three small logistic models,
// trained on labelled articles, make the decisions from the features.
//
// Text is bounded first: the first [DefaultMaxRunes] runes of the text
// (classifier.max_runes), the first 1000 of the headline; a sentence
// without full stops is cut into pieces of 600 runes, so the cost is
// linear in the input and capped. Text is then normalised (NFC,
// typographic dashes, fullwidth letters; Latin script lowercased, with
// Vietnamese diacritics kept where the text has them and folded away
// otherwise) and split into sentences, also at 。！？. One Aho–Corasick pass
// finds every gazetteer name, role cue and taxonomy phrase. Latin phrases
// match whole words; Japanese phrases match anywhere. Distances are
// measured in runes of the text as written.
//
// What the phrases mean is data, in config.yaml: the pillars' terms
// (strong, ordinary, weak, exclusions), the gazetteer of names that stand
// for Viet Nam, Japan or another country (the countries, their people,
// cities, localities, agencies, companies, officials and schemes), and
// the roles of the phrases the rules ask for ("reception", "outcome",
// "locality-tie", "list-separator"...). The code names roles, never
// phrases. A configuration that leaves out the gazetteer or a role gets
// the shipped one, so older files keep loading; [New] fails when a role
// the rules need has no phrase.
//
// Relevance: the pairing rules score how the two countries appear
// together (in the headline, in one sentence, joined as in "Viet
// Nam–Japan" or 日越; a comma joins two names only when they are not
// items of a longer list), against third countries and passing mentions.
// That score and the features beside it (sentences pairing the two,
// bilateral cues, the weaker side's mentions, a third country's share,
// stand-ins, taxonomy phrases in the pairing sentences...) go to the
// relevance model; Relevant is its probability of at least one half.
//
// Pillars: each sentence's phrases pass the sentence rules (sentenceRules:
// exclusions, fields of study and workers' training, regional bodies
// named as background) and add to each
// pillar's evidence, weighed by where the sentence is (headline, lead)
// and whom it names (both countries, one side, a third country); two
// terms of a pillar joined in a list count as a strong phrase, and a
// list of three fields of cooperation names each. The hand-set decision
// (evidence thresholds, then the labelling conventions: Mekong–Japan and
// ASEAN–Japan meetings, local ties, political trust beside sectoral
// stories) is one feature of the presence model among the evidence it
// rests on: sentences about the two countries, strong phrases, one-side
// sentences, headline, lead, lists, the pillar's share, concrete
// statements beside a word of cooperation or an outcome. The presence
// model's weights are shared by all pillars plus each pillar's own, held
// closer to zero, so a pillar a user adds works with the shared weights.
// A pillar is kept at a probability of at least one half; a relevant
// story keeps at least its likeliest pillar. The primary model chooses
// among the pillars kept, from the hand-set primary, each pillar's share
// of the evidence (headline and lead weighing more), headline, lead,
// presence, and a prior per pillar.
//
// Every rule can be turned off by name; a test shows that each one
// changes verdicts on real labelled articles, more of them for the
// better than for the worse. Rules that did not were removed.
//
// Every verdict carries its evidence: under "relevance" and under each
// pillar, up to three sentences trimmed to about 200 characters in
// Evidence, and the same sentences in Spans, each with its rune offset
// in the text (-1 for the headline, or for text not in NFC) and the rune
// offsets of the phrases that counted, so readers can mark them. A story
// found not relevant says why first ("Japan is named only in passing").
//
// # Training and evaluation
//
// [Train] fits the models on labelled cases read by [ReadCases]
// (L2-regularised logistic regression and a conditional logit for the
// primary, by Newton's method, in pure Go) and can first measure the same
// training by cross-validation; `crawler train` writes the result as a
// model file that records its command, its data's hashes and sizes and
// the cross-validated scores. The built-in model, embedded from
// model.json, was made so from the project's labelled articles; a user
// who labels their own can train a model and name it in
// classifier.model.
//
// [CrossValidate] is the honest measure: repeated, stratified k-fold
// cross-validation, each model trained without the cases it classifies,
// reported per pillar, per language and per data file. [Evaluate] scores
// a classifier on cases with the metrics of the project's scorer:
// relevance precision, recall and F1, per-pillar F1 and their macro
// average over the 13 default pillars, micro-F1, primary accuracy, and a
// breakdown by language; on the cases a model was trained on, that is an
// in-sample figure. [Report.Write] prints it, and with verbose every
// disagreement with the classifier's evidence.
package classify
