//! Extreme-poverty lines in rupiah: the PPP lines' national values moved with the March CPI, and the
//! national GK series they are compared with.

/// An extreme-poverty line. The PPP lines are national rupiah values that move with the CPI; the model's
/// poverty line (GK) is fixed in real terms, so they drift down against it each year by `extreme_line_drift`.
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExtremeLine {
    /// BPS since 2024: US$2.15 a day (2017 PPP), BPS's national rupiah value (≈Rp391,000 per capita per month,
    /// BPS head, January 2025, via Tempo).
    #[default]
    Usd215,
    /// US$2.15 spatially deflated to the district: the national rupiah line × district GK ÷ national GK of the
    /// same year (0.67 × GK in 2024: Rp391,000 ÷ Rp582,932) [C].
    Usd215Local,
    /// Before 2024: US$1.90 a day (2011 PPP), national rupiah value (Rp351,957 in 2023; Rp322,170 in 2021,
    /// Kemenko PMK) [U].
    Usd190,
    /// World Bank 2025: US$3.00 a day (2021 PPP) ≈ 0.80 × the national GK [C, U].
    Usd300,
    /// A line entered in rupiah per capita per month (base-year prices).
    Rupiah { rp: f64 },
}

/// BPS's national rupiah value of the US$2.15 (2017 PPP) line, Rp per capita per month: "sekitar Rp391 ribu"
/// (BPS head, January 2025; https://www.tempo.co/politik/pemerintah-siapkan-bansos-khusus-untuk-3-1-juta-warga-miskin-ekstrem-1200748).
/// Other years are moved with March CPI inflation (BPS) [C].
pub const USD215_RP_2024: f64 = 391_000.0;
/// US$1.90 (2011 PPP) national rupiah value, 2023 (brief §3).
pub const USD190_RP_2023: f64 = 351_957.0;
/// National GK, March 2024 (BPS), the base of the US$3.00 ratio.
pub const NATIONAL_GK_2024: f64 = 582_932.0;

/// March year-on-year CPI inflation, percent (BPS releases; addresses in the lever table's source list).
const CPI_MARCH: [(i32, f64); 11] = [
    (2015, 6.38),
    (2016, 4.45),
    (2017, 3.61),
    (2018, 3.40),
    (2019, 2.48),
    (2020, 2.96),
    (2021, 1.37),
    (2022, 2.64),
    (2023, 4.97),
    (2024, 3.05),
    (2025, 1.03),
];

/// National GK, March, Rp per capita per month (BPS releases via infopublik, AA, detik, Databoks, Beritasatu,
/// Media Indonesia, ntbsatu); 2016 was not found and is interpolated [C].
const NATIONAL_GK: [(i32, f64); 11] = [
    (2015, 330_776.0),
    (2016, 352_627.0),
    (2017, 374_478.0),
    (2018, 401_220.0),
    (2019, 425_250.0),
    (2020, 454_652.0),
    (2021, 472_525.0),
    (2022, 505_469.0),
    (2023, 550_458.0),
    (2024, 582_932.0),
    (2025, 609_160.0),
];

/// Price level of March `year` relative to March `base` (CPI); years outside the table move at 3%/yr [A].
pub fn cpi_ratio(year: i32, base: i32) -> f64 {
    let step = |y: i32| CPI_MARCH.iter().find(|(cy, _)| *cy == y).map(|(_, v)| *v).unwrap_or(3.0) / 100.0;
    let mut r = 1.0;
    if year >= base {
        for y in base + 1..=year {
            r *= 1.0 + step(y);
        }
    } else {
        for y in year + 1..=base {
            r /= 1.0 + step(y);
        }
    }
    r
}

/// Read strictly: a map with `kind` and, for a rupiah line only, `rp`; any other field, a missing or misplaced
/// `rp`, or another form (a list, a number) is refused by name.
impl<'de> serde::Deserialize<'de> for ExtremeLine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        if let Some(k) = map.keys().find(|k| *k != "kind" && *k != "rp") {
            return Err(D::Error::unknown_field(k, &["kind", "rp"]));
        }
        let kind = map.get("kind").and_then(|v| v.as_str()).ok_or_else(|| D::Error::missing_field("kind"))?;
        let rp = map.get("rp");
        let line = match kind {
            "usd215" => ExtremeLine::Usd215,
            "usd215_local" => ExtremeLine::Usd215Local,
            "usd190" => ExtremeLine::Usd190,
            "usd300" => ExtremeLine::Usd300,
            "rupiah" => {
                let rp = rp.ok_or_else(|| D::Error::missing_field("rp"))?;
                let rp = rp.as_f64().ok_or_else(|| {
                    D::Error::invalid_type(serde::de::Unexpected::Other(&rp.to_string()), &"a number of rupiah")
                })?;
                return Ok(ExtremeLine::Rupiah { rp });
            }
            other => {
                return Err(D::Error::unknown_variant(other, &["usd215", "usd215_local", "usd190", "usd300", "rupiah"]))
            }
        };
        if rp.is_some() {
            // Only a rupiah line carries rp.
            return Err(D::Error::unknown_field("rp", &["kind"]));
        }
        Ok(line)
    }
}

impl ExtremeLine {
    /// The line in Rp per capita per month in `year`, given the district's poverty line `gk`.
    pub fn rupiah_in(&self, gk: f64, year: i32) -> f64 {
        match *self {
            ExtremeLine::Usd215 => USD215_RP_2024 * cpi_ratio(year, 2024),
            ExtremeLine::Usd215Local => {
                let national_gk = NATIONAL_GK.iter().find(|(y, _)| *y == year).map(|(_, v)| *v);
                match national_gk {
                    Some(n) => USD215_RP_2024 * cpi_ratio(year, 2024) / n * gk,
                    None => USD215_RP_2024 / NATIONAL_GK_2024 * gk,
                }
            }
            ExtremeLine::Usd190 => USD190_RP_2023 * cpi_ratio(year, 2023),
            ExtremeLine::Usd300 => 0.80 * NATIONAL_GK_2024 * cpi_ratio(year, 2024),
            ExtremeLine::Rupiah { rp } => rp,
        }
    }

    /// A short stable name for tables and files.
    pub fn label(&self) -> String {
        match *self {
            ExtremeLine::Usd215 => "US$2.15 (2017 PPP)".into(),
            ExtremeLine::Usd215Local => "US$2.15 (2017 PPP), 0.67 × GK".into(),
            ExtremeLine::Usd190 => "US$1.90 (2011 PPP)".into(),
            ExtremeLine::Usd300 => "US$3.00 (2021 PPP)".into(),
            ExtremeLine::Rupiah { rp } => format!("Rp{rp:.0}"),
        }
    }
}
