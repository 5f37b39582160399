//! SBP's item numbering of the EBOPS 2010 table, mapped to EBOPS codes and
//! inflow series keys.

use inflow_core::{EbopsCode, Flow, SeriesKey};

/// One item of SBP's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SbpItem {
    /// SBP's number, such as `9.2.2`; empty for the `Services` total.
    pub number: &'static str,
    /// The EBOPS 2010 (or national) code, a code of
    /// [`inflow_core::ebops::CATEGORIES`].
    pub code: &'static str,
    /// The last segment of the series key.
    pub slug: &'static str,
    /// A word the label must contain (lower case), so a renumbered table is
    /// refused rather than read into the wrong series.
    pub word: &'static str,
}

const fn item(
    number: &'static str,
    code: &'static str,
    slug: &'static str,
    word: &'static str,
) -> SbpItem {
    SbpItem {
        number,
        code,
        slug,
        word,
    }
}

/// Every item of the table as SBP numbers it (the Jul-Feb FY26 release).
pub const SBP_ITEMS: &[SbpItem] = &[
    item("", "S", "", "services"),
    item("1", "SA", "manufacturing", "manufacturing"),
    item("1.1", "SA1", "processing_in_pk", "processing"),
    item("1.2", "SA2", "processing_abroad", "processing"),
    item("2", "SB", "maintenance_repair", "repair"),
    item("3", "SC", "transport", "transport"),
    item("3.1", "SC1", "sea", "sea"),
    item("3.1.1", "SC11", "sea_passenger", "passenger"),
    item("3.1.2", "SC12", "sea_freight", "freight"),
    item("3.1.3", "SC13", "sea_other", "other"),
    item("3.2", "SC2", "air", "air"),
    item("3.2.1", "SC21", "air_passenger", "passenger"),
    item("3.2.2", "SC22", "air_freight", "freight"),
    item("3.2.3", "SC23", "air_other", "other"),
    item("3.3", "SC3C", "road", "road"),
    item("3.3.1", "SC3C1", "road_passenger", "passenger"),
    item("3.3.2", "SC3C2", "road_freight", "freight"),
    item("3.3.3", "SC3C3", "road_other", "other"),
    item("3.4", "SC3B", "rail", "rail"),
    item("3.4.1", "SC3B1", "rail_passenger", "passenger"),
    item("3.4.2", "SC3B2", "rail_freight", "freight"),
    item("3.4.3", "SC3B3", "rail_other", "other"),
    item("3.5", "SC4", "postal_courier", "postal"),
    item("3.6", "SC3F", "electricity", "electricity"),
    item("3.7", "SC3G", "transport_auxiliary", "auxiliary"),
    item("4", "SD", "travel", "travel"),
    item("4.1", "SD1", "travel_business", "business"),
    item("4.1.1", "SD11", "travel_short_term_workers", "workers"),
    item("4.1.2", "SD12", "travel_business_other", "other"),
    item("4.2", "SD2", "travel_personal", "personal"),
    item("4.2.1", "SD21", "travel_health", "health"),
    item("4.2.2", "SD22", "travel_education", "education"),
    item("4.2.3", "SD23", "travel_personal_other", "other"),
    item("4.2.3.1", "SD23_PK_REL", "travel_religious", "religious"),
    item(
        "4.2.3.2",
        "SD23_PK_OTH",
        "travel_personal_other_other",
        "other",
    ),
    item("5", "SE", "construction", "construction"),
    item("5.1", "SE1", "construction_abroad", "abroad"),
    item("5.2", "SE2", "construction_in_pk", "compiling"),
    item("6", "SF", "insurance_pension", "insurance"),
    item("6.1", "SF1", "insurance_direct", "direct"),
    item("6.1.1", "SF11", "insurance_life", "life"),
    item("6.1.2", "SF12", "insurance_freight", "freight"),
    item("6.1.3", "SF13", "insurance_direct_other", "other"),
    item("6.2", "SF2", "reinsurance", "reinsurance"),
    item("6.3", "SF3", "insurance_auxiliary", "auxiliary"),
    item("6.4", "SF4", "pension_guarantee", "pension"),
    item("7", "SG", "financial", "financial"),
    item("7.1", "SG1", "financial_explicit", "explicitly"),
    item("7.2", "SG2", "fisim", "fisim"),
    item("8", "SH", "intellectual_property", "intellectual"),
    item("9", "SI", "", "telecommunications"),
    item("9.1", "SI1", "telecom", "telecommunications"),
    item("9.1.1", "SI1_PK_CC", "call_centre", "call"),
    item("9.1.2", "SI1_PK_OTH", "telecom_other", "telecommunication"),
    item("9.2", "SI2", "computer", "computer"),
    item("9.2.1", "SI2_PK_HWC", "hardware_consultancy", "hardware"),
    item("9.2.2", "SI2_PK_SWC", "software_consultancy", "software"),
    item("9.2.3", "SI2_PK_REP", "computer_repair", "repair"),
    item("9.2.4", "SI2_PK_SW", "software_trade", "software"),
    item("9.2.5", "SI2_PK_FL", "freelance", "freelance"),
    item("9.2.6", "SI2_PK_OTH", "computer_other", "other"),
    item("9.3", "SI3", "information", "information"),
    item("9.3.1", "SI31", "news_agency", "news"),
    item("9.3.2", "SI32", "information_other", "other"),
    item("10", "SJ", "other_business", "business"),
    item("10.1", "SJ1", "research_development", "research"),
    item("10.2", "SJ2", "consulting", "consulting"),
    item("10.2.1", "SJ21", "legal_accounting_consulting", "legal"),
    item("10.2.1.1", "SJ211", "legal", "legal"),
    item("10.2.1.2", "SJ212", "accounting", "accounting"),
    item("10.2.1.3", "SJ213", "management_consulting", "consulting"),
    item("10.2.2", "SJ22", "advertising", "advertising"),
    item("10.3", "SJ3", "technical_trade", "technical"),
    item("10.3.1", "SJ31", "technical", "engineering"),
    item("10.3.2", "SJ32", "waste_agri_mining", "waste"),
    item("10.3.3", "SJ33", "operating_leasing", "leasing"),
    item("10.3.4", "SJ34", "trade_related", "trade"),
    item("10.3.5", "SJ3_PK_FL", "freelance_other", "freelance"),
    item("10.3.6", "SJ35", "other_business_nie", "other"),
    item("11", "SK", "personal_cultural", "cultural"),
    item("11.1", "SK1", "audiovisual_related", "audiovisual"),
    item("11.1.1", "SK11", "audiovisual", "audiovisual"),
    item("11.1.2", "SK12", "artistic", "artistic"),
    item("11.2", "SK2", "personal_cultural_other", "other"),
    item("12", "SL", "government", "government"),
    item("12.1", "SL1", "embassies", "embassies"),
    item("12.2", "SL2", "military", "military"),
    item("12.3", "SL3", "government_other", "other"),
];

impl SbpItem {
    /// The item with SBP's number `number` (empty for the total).
    pub fn by_number(number: &str) -> Option<&'static SbpItem> {
        SBP_ITEMS.iter().find(|i| i.number == number)
    }

    /// Whether a label's name (without the number) plausibly is this item.
    pub fn label_matches(&self, name: &str) -> bool {
        name.to_lowercase().contains(self.word)
    }

    /// The EBOPS code.
    ///
    /// # Errors
    /// Only if the table names a code missing from the tree, which the tests
    /// rule out.
    pub fn ebops(&self) -> Result<EbopsCode, inflow_core::Error> {
        self.code.parse()
    }

    /// The series key of this item's credit (exports) or debit (imports).
    ///
    /// Item 9 keeps the keys inflow has always used (`pk.ict.exports`,
    /// `pk.ict.exports.telecom`, ...); every other item lives under
    /// `pk.services.exports` / `pk.services.imports`.
    ///
    /// # Errors
    /// Only for a malformed slug, which the tests rule out.
    pub fn key(&self, flow: Flow) -> Result<SeriesKey, inflow_core::Error> {
        let group = if self.code.starts_with("SI") {
            "ict"
        } else {
            "services"
        };
        if self.slug.is_empty() {
            format!("pk.{group}.{flow}").parse()
        } else {
            format!("pk.{group}.{flow}.{}", self.slug).parse()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_a_code_and_a_unique_key() {
        let mut keys = std::collections::HashSet::new();
        for i in SBP_ITEMS {
            assert!(i.code.parse::<EbopsCode>().is_ok(), "{}", i.code);
            for flow in [Flow::Exports, Flow::Imports] {
                let key = i.key(flow).unwrap();
                assert!(keys.insert(key), "duplicate key for {}", i.number);
            }
        }
    }

    #[test]
    fn item_nine_keeps_its_keys() {
        let k = |n: &str| {
            SbpItem::by_number(n)
                .unwrap()
                .key(Flow::Exports)
                .unwrap()
                .to_string()
        };
        assert_eq!(k("9"), "pk.ict.exports");
        assert_eq!(k("9.1"), "pk.ict.exports.telecom");
        assert_eq!(k("9.1.1"), "pk.ict.exports.call_centre");
        assert_eq!(k("9.2"), "pk.ict.exports.computer");
        assert_eq!(k("9.3"), "pk.ict.exports.information");
        assert_eq!(k(""), "pk.services.exports");
        assert_eq!(
            SbpItem::by_number("9.2.2")
                .unwrap()
                .key(Flow::Imports)
                .unwrap()
                .to_string(),
            "pk.ict.imports.software_consultancy"
        );
    }
}
