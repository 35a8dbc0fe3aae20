//! District starting points, every figure with its source (brief §4).

/// The published figures a district starts from.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct DistrictBase {
    /// Stable identifier, e.g. `muba_2024`.
    pub id: &'static str,
    /// District name as BPS writes it.
    pub name: &'static str,
    /// Base year (March Susenas).
    pub year: i32,
    /// Headcount P0, percent.
    pub p0_pct: f64,
    /// Poverty line (GK), Rp per capita per month.
    pub poverty_line: f64,
    /// Population on the Susenas base, people.
    pub population: f64,
    /// Where the figures come from.
    pub source: &'static str,
}

/// Musi Banyuasin 2024.
pub const MUBA_2024: DistrictBase = DistrictBase {
    id: "muba_2024",
    name: "Musi Banyuasin",
    year: 2024,
    p0_pct: 12.88,
    poverty_line: 590_000.0,
    population: 690_500.0,
    source: "BPS Musi Banyuasin 2024 via Antara Sumsel, Republika, Databoks; GK ≈ Rp590.000 is an assumption (2021: Rp537.774)",
};
