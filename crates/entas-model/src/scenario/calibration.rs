//! Reading a `Calibration`: one pass over the map, each field read where it stands, so a path-tracking
//! deserializer (serde_path_to_error) names the field itself. Serde's internally tagged enums buffer their
//! content first and lose the path below the enum.

use serde::de::{Error, MapAccess, Visitor};

use super::{Calibration, ExtremeLine};

const MODES: &[&str] = &["p0_p1", "p0_p1_p2", "p0_extreme", "p0_gini"];

/// The fields of every mode, as read.
#[derive(Default)]
struct Fields {
    mode: Option<String>,
    p0_pct: Option<f64>,
    p1: Option<f64>,
    p2: Option<f64>,
    extreme_pct: Option<f64>,
    line: Option<ExtremeLine>,
    gini: Option<f64>,
}

impl Fields {
    /// Which fields `mode` takes, besides `mode`.
    fn of(mode: &str) -> &'static [&'static str] {
        match mode {
            "p0_p1" => &["p0_pct", "p1"],
            "p0_p1_p2" => &["p0_pct", "p1", "p2"],
            "p0_extreme" => &["p0_pct", "extreme_pct", "line"],
            _ => &["p0_pct", "gini"],
        }
    }

    fn present(&self) -> [(&'static str, bool); 6] {
        [
            ("p0_pct", self.p0_pct.is_some()),
            ("p1", self.p1.is_some()),
            ("p2", self.p2.is_some()),
            ("extreme_pct", self.extreme_pct.is_some()),
            ("line", self.line.is_some()),
            ("gini", self.gini.is_some()),
        ]
    }

    fn build<E: Error>(self) -> Result<Calibration, E> {
        let mode = self.mode.clone().ok_or_else(|| E::missing_field("mode"))?;
        if !MODES.contains(&mode.as_str()) {
            return Err(E::unknown_variant(&mode, MODES));
        }
        let takes = Fields::of(&mode);
        // A field of another mode is refused, as `deny_unknown_fields` did.
        if let Some((name, _)) = self.present().into_iter().find(|(n, there)| *there && !takes.contains(n)) {
            return Err(E::unknown_field(name, takes));
        }
        let need = |v: Option<f64>, name: &'static str| v.ok_or_else(|| E::missing_field(name));
        let p0_pct = need(self.p0_pct, "p0_pct")?;
        Ok(match mode.as_str() {
            "p0_p1" => Calibration::P0P1 { p0_pct, p1: need(self.p1, "p1")? },
            "p0_p1_p2" => Calibration::P0P1P2 { p0_pct, p1: need(self.p1, "p1")?, p2: need(self.p2, "p2")? },
            "p0_extreme" => Calibration::P0Extreme {
                p0_pct,
                extreme_pct: need(self.extreme_pct, "extreme_pct")?,
                line: self.line.ok_or_else(|| E::missing_field("line"))?,
            },
            _ => Calibration::P0Gini { p0_pct, gini: need(self.gini, "gini")? },
        })
    }
}

struct CalibrationVisitor;

impl<'de> Visitor<'de> for CalibrationVisitor {
    type Value = Calibration;

    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("a calibration: {\"mode\": \"p0_p1\", \"p0_pct\": …, \"p1\": …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Calibration, A::Error> {
        let mut f = Fields::default();
        fn once<T, E: Error>(slot: &mut Option<T>, name: &'static str, v: T) -> Result<(), E> {
            if slot.replace(v).is_some() {
                return Err(E::duplicate_field(name));
            }
            Ok(())
        }
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "mode" => once(&mut f.mode, "mode", map.next_value()?)?,
                "p0_pct" => once(&mut f.p0_pct, "p0_pct", map.next_value()?)?,
                "p1" => once(&mut f.p1, "p1", map.next_value()?)?,
                "p2" => once(&mut f.p2, "p2", map.next_value()?)?,
                "extreme_pct" => once(&mut f.extreme_pct, "extreme_pct", map.next_value()?)?,
                "line" => once(&mut f.line, "line", map.next_value()?)?,
                "gini" => once(&mut f.gini, "gini", map.next_value()?)?,
                other => {
                    let takes = f.mode.as_deref().map_or(&["mode"][..], Fields::of);
                    return Err(A::Error::unknown_field(other, takes));
                }
            }
        }
        f.build()
    }
}

impl<'de> serde::Deserialize<'de> for Calibration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(CalibrationVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(j: serde_json::Value) -> Result<Calibration, String> {
        crate::scenario::from_value_at_path::<Calibration>(j).map_err(|e| e.to_string())
    }

    #[test]
    fn every_mode_reads_back_what_it_writes() {
        for c in [
            Calibration::P0P1 { p0_pct: 12.0, p1: 2.0 },
            Calibration::P0P1P2 { p0_pct: 12.0, p1: 2.0, p2: 0.5 },
            Calibration::P0Extreme { p0_pct: 12.0, extreme_pct: 1.0, line: ExtremeLine::Usd190 },
            Calibration::P0Gini { p0_pct: 12.0, gini: 0.3 },
        ] {
            assert_eq!(read(serde_json::to_value(&c).unwrap()), Ok(c));
        }
    }

    #[test]
    fn a_bad_field_is_named_by_its_own_path() {
        let e = read(serde_json::json!({"mode": "p0_p1", "p0_pct": 12.0, "p1": null})).unwrap_err();
        assert_eq!(e, "p1: invalid type: null, expected f64");
        let e = read(serde_json::json!({"p0_pct": 12.0, "extreme_pct": 1.0, "line": [1], "mode": "p0_extreme"}))
            .unwrap_err();
        assert!(e.starts_with("line: invalid type: sequence"), "{e}");
        let e = read(serde_json::json!({"mode": "p0_p1", "p0_pct": 12.0, "p1": 2.0, "gini": 0.3})).unwrap_err();
        assert!(e.contains("unknown field `gini`"), "a field of another mode: {e}");
        let e = read(serde_json::json!({"mode": "p0_p1", "p0_pct": 12.0})).unwrap_err();
        assert!(e.contains("missing field `p1`"), "{e}");
        let e = read(serde_json::json!({"mode": "p9", "p0_pct": 12.0})).unwrap_err();
        assert!(e.contains("unknown variant `p9`"), "{e}");
        let e = read(serde_json::json!({"p0_pct": 12.0, "p1": 2.0})).unwrap_err();
        assert!(e.contains("missing field `mode`"), "{e}");
        assert!(read(serde_json::json!([1, 2])).is_err());
        assert!(read(serde_json::json!("p0_p1")).is_err());
    }
}
