package crawler

// Pillar is one area of cooperation of the Viet Nam–Japan Comprehensive
// Strategic Partnership, with the terms the classifier looks for. The default
// taxonomy in config.yaml ships the 13 IDs of the contract; users may add
// pillars or retune terms.
type Pillar struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	// Terms maps a language code (en, vi, ja) to phrases that are evidence
	// for the pillar. Matching is case- and diacritic-insensitive for Latin
	// scripts, whole words unless the phrase ends in "*" (a prefix); an
	// all-capital acronym ("ODA", "AI") matches only in capitals. Japanese
	// phrases match anywhere.
	Terms map[string][]string `yaml:"terms" json:"terms"`
	// Strong maps a language code to phrases that decide the pillar on
	// their own ("ODA loan", "defence policy dialogue"); they weigh twice a
	// term.
	Strong map[string][]string `yaml:"strong,omitempty" json:"strong,omitempty"`
	// Weak maps a language code to phrases that count only when repeated or
	// backed by other evidence ("project", "economy"); they weigh half a
	// term.
	Weak map[string][]string `yaml:"weak,omitempty" json:"weak,omitempty"`
	// Exclude maps a language code to phrases that must not count as
	// evidence even though they contain a term ("food security" for
	// defence-security).
	Exclude map[string][]string `yaml:"exclude,omitempty" json:"exclude,omitempty"`
}

// The 13 pillar IDs of the default taxonomy (see the contract in pillars.md).
const (
	PillarPolitical      = "political-trust"
	PillarDefence        = "defence-security"
	PillarEconomy        = "economy-trade-investment"
	PillarDevelopment    = "development-infrastructure"
	PillarScience        = "science-technology-innovation"
	PillarSemiconductors = "semiconductors"
	PillarEducation      = "human-resources-education"
	PillarLabour         = "labour"
	PillarGreen          = "green-transition-energy"
	PillarCulture        = "culture-people-exchange"
	PillarLocal          = "local-cooperation"
	PillarRegional       = "regional-multilateral"
	PillarHealth         = "health"
)

// DefaultPillarIDs lists the default pillar IDs in display order.
var DefaultPillarIDs = []string{
	PillarPolitical, PillarDefence, PillarEconomy, PillarDevelopment,
	PillarScience, PillarSemiconductors, PillarEducation, PillarLabour,
	PillarGreen, PillarCulture, PillarLocal, PillarRegional, PillarHealth,
}
