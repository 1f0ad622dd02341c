package crawler

// ClassifierConfig is the `classifier:` section of the configuration: the
// bound on what is classified, the trained model, and the vocabulary the
// classifier needs besides the pillars' terms. Every field may be left
// out: a missing gazetteer, country list or role takes the shipped one
// from the default config.yaml, so files written before these keys
// existed keep loading.
type ClassifierConfig struct {
	// Model is a model file written by `crawler train`; "" uses the model
	// built into the binary.
	Model string `yaml:"model" json:"model,omitempty"`
	// MaxRunes caps the article text classified (its first MaxRunes
	// runes); 0 means the classifier's default.
	MaxRunes int `yaml:"max_runes" json:"max_runes,omitempty"`
	// Gazetteer lists the names that stand for a country: the country
	// itself, its people, cities, localities, agencies, companies,
	// officials and schemes, and the names of other countries.
	Gazetteer []NameGroup `yaml:"gazetteer" json:"gazetteer,omitempty"`
	// Countries names the third countries of the gazetteer by code, for
	// explanations ("mainly about Japan with South Korea").
	Countries map[string]string `yaml:"countries" json:"countries,omitempty"`
	// RegionMembers are the codes of the countries that sit in
	// Mekong–Japan and ASEAN–Japan meetings beside Viet Nam: in those
	// stories they are not third parties.
	RegionMembers []string `yaml:"region_members" json:"region_members,omitempty"`
	// Roles maps a role the classifier's rules ask for ("reception",
	// "outcome", "bilateral"...) to its phrases per language
	// (en, vi, ja, or any).
	Roles map[string]map[string][]string `yaml:"roles" json:"roles,omitempty"`
}

// NameGroup is a set of spellings with one meaning in the gazetteer.
type NameGroup struct {
	// For is what the names stand for: viet-nam, japan, both (the two
	// joined, as in 日越), region (ASEAN, Mekong), neutral (a longer name
	// that hides a shorter one, as "South China Sea" hides "China"), or
	// the two-letter code of another country.
	For string `yaml:"for" json:"for"`
	// Kind is what sort of name it is: country (the default), city,
	// locality (a province or prefecture, which makes local
	// cooperation), agency, company, official, scheme, institution.
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty"`
	// Weight is how much one mention counts towards the country, 1 by
	// default; stand-ins such as a company or a city count less.
	Weight float64 `yaml:"weight,omitempty" json:"weight,omitempty"`
	// Lang lists the article languages the names are looked for in; all
	// when empty.
	Lang []string `yaml:"lang,omitempty" json:"lang,omitempty"`
	// Match holds matching flags: case (the capitals must match),
	// accented (only in Vietnamese written with diacritics), unaccented
	// (only without), kana-bound (a katakana name must not touch other
	// katakana), with-japan (the name also stands for Japan, as 日韓).
	Match []string `yaml:"match,omitempty" json:"match,omitempty"`
	// Names are the spellings; a trailing "*" matches any ending.
	Names []string `yaml:"names" json:"names"`
}
