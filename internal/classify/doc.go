// Package classify decides whether a news article is about Viet Nam–Japan
// relations and which cooperation pillars it concerns, in English,
// Vietnamese and Japanese, and says why. It is pure: no I/O, no model, no
// logging; a [Classifier] is safe for concurrent use.
//
// # How it decides
//
// Text is normalised first (NFC, typographic dashes and the spaces around
// them, fullwidth letters; Latin script lowercased, with diacritics kept
// for Vietnamese that has them and folded away otherwise, so "Viet Nam",
// "Việt Nam" and NFD input agree) and split into sentences, also at 。！？.
// One Aho–Corasick pass per article then finds every country name, place,
// bilateral cue and taxonomy phrase. Latin phrases match whole words;
// Japanese phrases match anywhere. The language is detected when the
// caller does not give it.
//
// Relevance comes from the two countries appearing together: in the
// headline, in the same sentence, or joined ("Viet Nam–Japan", 日越,
// "Việt Nam và Nhật Bản"). Japanese companies, ministries and Japan's
// schemes for foreign workers (技能実習, "specified skilled worker")
// stand for Japan, since the Japanese press rarely adds "Japan" to them.
// A third country paired with either of them twice as strongly as they
// are paired with each other makes the story a third-country story; a
// country named only once apart from the other, only in a list of
// several countries, or in a single sentence after the lead ("no
// Japanese were hurt, the embassy said") is a passing mention.
// Mekong–Japan and ASEAN–Japan meetings count when Viet Nam takes part in
// them rather than being listed. In a brief item, only a closing aside
// ("..., Vietnamese workers included") is a passing mention. Relevant is
// Relevance >= 0.5.
//
// Pillars come from the taxonomy in config.yaml (see [crawler.Pillar]).
// Each sentence adds the weight of its best phrase for each pillar
// (strong 2, term 1, weak ½, weak phrases adding at most 1 in all); the
// headline counts double; a sentence naming only one of the countries
// counts ¾ and one about a third country 0.3. A pillar needs a score of 2
// resting on more than weak phrases, and either a phrase in the headline
// or in a sentence about the two countries, or a score of 3. A list of
// three fields or more in a sentence about cooperation ("trade, labour and
// culture") assigns each of them. A pillar found in one sentence only,
// after the lead, by a single phrase while another pillar has several
// there ("loans built the bridge, the airport and the hospital") is a
// stray word, not the story's subject, and is dropped. The primary is the
// pillar with the most evidence, the headline and lead counting more.
//
// The labelling conventions of the contract are rules on top:
//   - defence talks, a leader receiving a sectoral visitor and ties
//     between localities are not political trust, unless the relationship
//     as a whole ("political trust", "2+2") or a top-level visit or
//     summit is part of the story; a leader meeting a company or agency
//     head is the sector's story even when the meeting fills the
//     headline, unless the visitor is an envoy (an ambassador, a foreign
//     minister, a lawmaker);
//   - political trust beside another primary pillar needs a visit, a
//     summit, the relationship as a whole, a list of fields naming
//     politics, or an anniversary the event marks;
//   - a Mekong–Japan or ASEAN–Japan meeting in the headline is
//     regional-multilateral only;
//   - a Vietnamese province and a Japanese prefecture in one sentence
//     about cooperation (not "flights between Da Nang and Fukuoka") are
//     local cooperation, the primary when the headline pairs them;
//   - nurses and caregivers sent to work in Japan are labour first
//     when the headline speaks of the workers, health second; the
//     economic partnership agreement they go under, named in a sentence
//     about the workers, is the scheme's legal basis, not trade;
//   - Japanese companies (doanh nghiệp Nhật Bản, 日本企業) acting in a
//     story about workers, chips, energy or schools are weak evidence of
//     business: economy needs trade, investment or markets besides;
//   - sub-areas stay in their pillar: a list after one pillar's own
//     cooperation ("healthcare cooperation in preventive medicine,
//     training and medical infrastructure") names its sub-areas; fields
//     of study listed in a sentence ("majoring in medicine and
//     economics") count only for education; training or language classes
//     in a sentence about workers count for labour, not education;
//   - a sentence naming one side of the talks ("the Japanese side",
//     phía Việt Nam, 日本側) counts as one about the two countries, as
//     numbered outcomes in press releases name one side at a time; so
//     does, when the headline or lead reports talks, a sentence telling
//     an outcome ("on defence, the leaders agreed...", nhất trí, 一致)
//     that names one country or none (Japanese often drops the subject);
//   - defence talks lose political trust when every sentence it rests
//     on is about defence and names no head of government;
//   - a numbered item of a press release's outcome list ("3. Japan will
//     continue to provide ODA...") in a story about talks counts as one
//     about the two countries, though it names one side;
//   - a regional body or framework named in a sentence that reports no
//     coordination, agreement or stance ("both have benefited from the
//     CPTPP", "the highest share in ASEAN") is background, not
//     coordination; the "partnership" in an economic partnership
//     agreement's name is no sign of cooperation there;
//   - a power plant that investors put money into ("to invest in a
//     thermal power plant", 発電所に出資) is foreign investment in
//     energy, which stays economy: without a loan, ODA or other aid
//     phrase beside it, it is not development;
//   - a transfer of technology in a sentence about vaccines or defence
//     equipment stays with that sector;
//   - a pure semiconductor story is not science and technology: generic
//     technology words ("high-tech", R&D, 技術) in a sentence about chips
//     do not count, and a chip story needs other evidence for it;
//   - local cooperation needs localities of the two countries named
//     together, or a tie between localities ("sister city", kết nghĩa,
//     友好都市) in a sentence about cooperation or an agreement, with a
//     locality named; a people's committee or "local authorities"
//     alone are not enough, nor "booths from eight Japanese
//     prefectures";
//   - disasters and floods are weak evidence of the environment: relief
//     stays with development (or defence), disaster prevention does not;
//   - when political trust rests only on an anniversary that an event
//     marks, the event's pillar is primary and political trust second;
//   - a general overview of the relationship (four pillars or more, a
//     summit or visit, no single pillar in the headline) keeps political
//     trust, as its primary.
//
// Every decision carries its evidence: up to three sentences, trimmed to
// about 200 characters around the phrase that counted, for relevance and
// for each pillar; a story found not relevant says why first ("Japan is
// named only in passing").
//
// # Evaluation
//
// [Evaluate] scores a [Classifier] on labelled cases read by [ReadCases]
// with the metrics of the project's scorer: relevance precision, recall
// and F1, per-pillar F1 and their macro average over the 13 default
// pillars, micro-F1, primary accuracy, and a breakdown by language.
// [Report.Write] prints them, and with verbose every disagreement with
// the classifier's evidence.
package classify
