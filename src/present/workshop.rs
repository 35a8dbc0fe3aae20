//! The workshop board: one row per group (rates in the target years, targets met, cost, people lifted, cost
//! per person-year lifted, envelope used), sortable by any column, and the room's tally of levers. Numbers
//! come from the groups' runs and the model's workshop arithmetic; this formats them.

use entas_model::analysis;
use entas_model::levers::spec;
use entas_model::scenario::Indicator;
use entas_model::workshop::{self as room, LeverTally};
use entas_model::{LeverValues, Scenario};

use super::{lever_label, or_dash};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;
use crate::workshop::Workshop;

/// A column of the board, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    P0,
    Extreme,
    Targets,
    Cost,
    Lifted,
    PerLifted,
    Envelope,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::P0,
        Column::Extreme,
        Column::Targets,
        Column::Cost,
        Column::Lifted,
        Column::PerLifted,
        Column::Envelope,
    ];

    /// The header's translation key.
    pub fn key(self) -> &'static str {
        match self {
            Column::P0 => "workshop.col.p0",
            Column::Extreme => "workshop.col.extreme",
            Column::Targets => "workshop.col.targets",
            Column::Cost => "workshop.col.cost",
            Column::Lifted => "workshop.col.lifted",
            Column::PerLifted => "workshop.col.per_lifted",
            Column::Envelope => "workshop.col.envelope",
        }
    }

    /// The name used in the address and the select.
    pub fn id(self) -> &'static str {
        match self {
            Column::P0 => "p0",
            Column::Extreme => "extreme",
            Column::Targets => "targets",
            Column::Cost => "cost",
            Column::Lifted => "lifted",
            Column::PerLifted => "per_lifted",
            Column::Envelope => "envelope",
        }
    }

    pub fn from_id(id: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether more is better (ranked first).
    fn higher_first(self) -> bool {
        matches!(self, Column::Targets | Column::Lifted)
    }
}

/// One group on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    pub name: String,
    /// One text per `Column::ALL`.
    pub cells: Vec<String>,
    /// One number per column to rank by (NaN where there is none).
    keys: Vec<f64>,
    /// The mix plans more than the envelope.
    pub over_envelope: bool,
    /// What the group chose: each offered lever it moved from the start, with its value.
    pub mix: String,
}

/// The year a target of `indicator` is set for, or the run's final year.
fn target_year(s: &Scenario, indicator: Indicator, final_year: i32) -> i32 {
    s.targets.iter().find(|t| t.indicator == indicator).map_or(final_year, |t| t.year.min(final_year))
}

/// The board row of one group's run.
pub fn board_row(w: &Workshop, name: &str, run: &Run, l: Lang) -> BoardRow {
    let (o, s) = (&run.outcome, &run.scenario);
    let final_year = o.final_year();
    let at = |indicator: Indicator| {
        let y = target_year(s, indicator, final_year);
        o.scenario.iter().find(|r| r.year == y).map(|r| (y, r))
    };
    let p0 = at(Indicator::P0);
    let extreme = at(Indicator::Extreme);
    let statuses = analysis::target_status(o, &s.targets, None);
    let on_time = statuses.iter().filter(|t| t.on_time()).count();
    let budget = room::yearly_budget(&s.levers);
    let envelope = w.settings.envelope;
    let over = envelope.is_some_and(|e| budget > e + 1e-9);
    let lifted_year = o.scenario.last().map_or(final_year, |r| r.year);
    let cells = vec![
        or_dash(p0.map(|(y, r)| format!("{} ({y})", format::percent(r.p0_pct, 2, l)))),
        or_dash(extreme.map(|(y, r)| format!("{} ({y})", format::percent(r.extreme_pct, 2, l)))),
        l.tf("workshop.targets_cell", &[("met", on_time.to_string()), ("all", statuses.len().to_string())]),
        format::rupiah_large(o.scenario_spend_rp(), l),
        format!("{} ({lifted_year})", format::number(o.lifted_final(), 0, l)),
        or_dash(o.cost_per_person_year_lifted.map(|c| format::rupiah_large(c, l))),
        match envelope {
            Some(e) if e > 0.0 => l.tf(
                "workshop.envelope_cell",
                &[
                    ("used", format::rupiah_large(budget * 1e9, l)),
                    ("share", format::percent(100.0 * budget / e, 0, l)),
                ],
            ),
            _ => format::rupiah_large(budget * 1e9, l),
        },
    ];
    let keys = vec![
        p0.map_or(f64::NAN, |(_, r)| r.p0_pct),
        extreme.map_or(f64::NAN, |(_, r)| r.extreme_pct),
        on_time as f64,
        o.scenario_spend_rp(),
        o.lifted_final(),
        o.cost_per_person_year_lifted.unwrap_or(f64::NAN),
        budget,
    ];
    let mix = w
        .settings
        .allowed
        .iter()
        .filter(|id| s.levers.get(**id) != w.start.levers.get(**id))
        .map(|&id| {
            format!(
                "{} {}",
                lever_label(id, l),
                format::lever_value(spec(id), s.levers.get(id), l, w.start.district.base_year)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    BoardRow { name: name.to_string(), cells, keys, over_envelope: over, mix }
}

/// Sorts rows best first by `by` (ties and rows without a figure keep their order, the latter last).
pub fn rank(rows: &mut [BoardRow], by: Column) {
    let i = Column::ALL.iter().position(|c| *c == by).unwrap_or(0);
    rows.sort_by(|a, b| {
        let (x, y) = (a.keys[i], b.keys[i]);
        match (x.is_nan(), y.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            _ if by.higher_first() => y.total_cmp(&x),
            _ => x.total_cmp(&y),
        }
    });
}

/// One lever of the tally, as text.
#[derive(Clone, Debug, PartialEq)]
pub struct TallyRow {
    pub label: String,
    pub start: String,
    pub raised: usize,
    pub lowered: usize,
    pub left: usize,
    /// Lowest, median and highest value of the groups.
    pub spread: String,
}

/// The groups' levers as values over the start.
pub fn group_levers(w: &Workshop) -> Vec<LeverValues> {
    w.groups.iter().map(|g| w.scenario_of(g).levers).collect()
}

/// The tally of the levers any group moved, against the start.
pub fn tally_rows(w: &Workshop, l: Lang) -> Vec<TallyRow> {
    let groups = group_levers(w);
    let refs: Vec<&LeverValues> = groups.iter().collect();
    let moved = room::moved(&w.start.levers, &refs);
    let base_year = w.start.district.base_year;
    room::tally(&w.start.levers, &refs, &moved)
        .into_iter()
        .map(|t: LeverTally| {
            let sp = spec(t.id);
            let f = |v: f64| format::lever_value(sp, v, l, base_year);
            TallyRow {
                label: lever_label(t.id, l),
                start: f(t.start),
                raised: t.raised,
                lowered: t.lowered,
                left: t.left,
                spread: l.tf("workshop.spread", &[("min", f(t.min)), ("median", f(t.median)), ("max", f(t.max))]),
            }
        })
        .collect()
}

/// The room median mix as a scenario, named in the UI language.
pub fn room_median(w: &Workshop, l: Lang) -> Scenario {
    let groups = group_levers(w);
    let refs: Vec<&LeverValues> = groups.iter().collect();
    let mut s = w.start.clone();
    s.levers = room::room_median(&w.start.levers, &refs, &w.settings.allowed);
    s.name = l.tf("workshop.median_name", &[("title", w.settings.title.clone())]);
    s
}

/// What the starting mix already plans each year, next to the envelope field (so an envelope is set
/// against it, not below it unknowingly).
pub fn start_budget(levers: &LeverValues, l: Lang) -> String {
    l.tf("workshop.envelope_start", &[("used", format::rupiah_large(room::yearly_budget(levers) * 1e9, l))])
}

/// The envelope meter of a mix: the planned yearly budget, the envelope and the share used.
pub fn envelope_text(levers: &LeverValues, envelope: Option<f64>, l: Lang) -> (String, Option<f64>) {
    let budget = room::yearly_budget(levers);
    match envelope {
        Some(e) if e > 0.0 => (
            l.tf(
                "workshop.meter",
                &[
                    ("used", format::rupiah_large(budget * 1e9, l)),
                    ("envelope", format::rupiah_large(e * 1e9, l)),
                    ("share", format::percent(100.0 * budget / e, 0, l)),
                ],
            ),
            Some(budget / e),
        ),
        _ => (l.tf("workshop.meter_open", &[("used", format::rupiah_large(budget * 1e9, l))]), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::Start;
    use crate::present::tests::muba_run;
    use crate::workshop::{default_allowed, Invite, Settings};
    use entas_model::LeverId;
    use std::sync::Arc;

    fn workshop() -> Workshop {
        let s = Settings::new("ab12".into(), "Rakor", &default_allowed(), Some(150.0)).unwrap();
        Workshop::new(s, Start::Preset("muba_2024"), (*muba_run().scenario).clone())
    }

    fn send(w: &mut Workshop, name: &str, cash: f64) {
        let inv = Invite { settings: w.settings.clone(), start: String::new() };
        let mut lv = w.start.levers.clone();
        lv.set(LeverId::CashBudget, cash).unwrap();
        let r = inv.reply(name, &w.start.levers, &lv);
        w.receive(r).unwrap();
    }

    fn run_of(s: Scenario) -> Run {
        let m = entas_model::Model::new(s).unwrap();
        let o = m.simulate();
        Run { scenario: Arc::new(m.scenario), outcome: Arc::new(o) }
    }

    #[test]
    fn the_board_ranks_groups_by_any_column_and_marks_a_mix_over_the_envelope() {
        let mut w = workshop();
        w.start.households = 4000;
        send(&mut w, "Hemat", 0.0);
        send(&mut w, "Boros", 200.0);
        let mut rows: Vec<BoardRow> =
            w.groups.iter().map(|g| board_row(&w, &g.name, &run_of(w.scenario_of(g)), Lang::Id)).collect();
        assert_eq!(rows[0].cells.len(), Column::ALL.len());
        assert!(!rows[0].over_envelope && rows[1].over_envelope, "Rp200 M cash alone is over Rp150 M");
        assert!(rows[1].cells[6].contains('%'), "{}", rows[1].cells[6]);
        rank(&mut rows, Column::Cost);
        assert_eq!(rows[0].name, "Hemat", "cheapest first");
        rank(&mut rows, Column::Lifted);
        assert_eq!(rows[0].name, "Boros", "most people lifted first");
        rank(&mut rows, Column::P0);
        assert_eq!(rows[0].name, "Boros", "lowest poverty first");
        // The P0 cell is read in the P0 target's year.
        let year = w.start.targets.iter().find(|t| t.indicator == Indicator::P0).map(|t| t.year).unwrap();
        assert!(rows[0].cells[0].contains(&format!("({year})")), "{}", rows[0].cells[0]);
    }

    #[test]
    fn the_tally_and_room_median_read_the_groups() {
        let mut w = workshop();
        for (n, c) in [("A", 100.0), ("B", 40.0), ("C", 120.0)] {
            send(&mut w, n, c);
        }
        let t = tally_rows(&w, Lang::En);
        assert_eq!(t.len(), 1, "only cash was moved");
        assert_eq!((t[0].raised, t[0].lowered, t[0].left), (2, 1, 0));
        assert!(t[0].spread.contains("Rp100.0 bn/year"), "{}", t[0].spread);
        let m = room_median(&w, Lang::En);
        assert_eq!(m.levers.get(LeverId::CashBudget), 100.0);
        assert!(m.name.contains("Rakor"));
        let (text, share) = envelope_text(&m.levers, Some(150.0), Lang::En);
        assert!(share.unwrap() > 0.0 && text.contains("Rp150.0 bn"), "{text}");
    }
}
