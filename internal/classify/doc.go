// Package classify decides whether a news article is about Viet Nam–Japan
// relations and which cooperation pillars it concerns, in English,
// Vietnamese and Japanese, and says why.
//
// # How it decides
//
// Text is normalised first (NFC, typographic dashes, fullwidth letters;
// Latin script lowercased, with diacritics kept for Vietnamese that has
// them and folded away otherwise) and split into sentences, also at 。！？.
// One Aho–Corasick pass per article then finds every country name, place,
// bilateral cue and taxonomy phrase.
//
// Relevance comes from the two countries appearing together: in the
// headline, in the same sentence, or joined ("Viet Nam–Japan", 日越,
// "Việt Nam và Nhật Bản"). A third country paired with either of them
// more strongly than they are paired with each other makes the story a
// third-country story; a country named once, or only in a list of
// countries, is a passing mention. Mekong–Japan and ASEAN–Japan meetings
// count when Viet Nam takes part.
//
// Pillars come from the taxonomy in config.yaml (see [crawler.Pillar]):
// every sentence adds the weight of its best phrase for each pillar, the
// headline counts double, sentences about a third country count little,
// and a list of fields of cooperation ("trade, labour and culture")
// counts for each field. The labelling conventions of the contract are
// rules on top: a leader receiving a sectoral visitor and defence talks
// do not make a story about political trust unless the relationship as a
// whole is discussed; a Mekong–Japan or ASEAN–Japan meeting is
// regional-multilateral only; ties between provinces and prefectures are
// local cooperation.
//
// Every decision carries its evidence: the sentences (trimmed) that
// decided relevance and each pillar.
//
// # Evaluation
//
// [Evaluate] scores a [Classifier] on labelled cases read by [ReadCases]
// with the metrics of the project's scorer: relevance precision, recall
// and F1, per-pillar F1 and their macro average, primary accuracy, and a
// breakdown by language.
package classify
