//! Source notes in the UI language: every lever's, every enabler preset's and every built-in district's. The
//! model writes them in English; the Bahasa texts here follow them figure for figure (a test compares the
//! digits), and a district's sources the user typed stay as typed.

use entas_model::levers::{EnablerPreset, LeverSpec};
use entas_model::presets::{self, PRESETS};
use entas_model::scenario::Calibration;
use entas_model::{LeverId, Scenario};

use crate::i18n::Lang;

/// A lever's source note in `l`.
pub fn lever_source(spec: &LeverSpec, l: Lang) -> String {
    match l {
        Lang::Id => lever_source_id(spec.id).to_string(),
        Lang::En => spec.source.to_string(),
    }
}

/// An enabler preset's source note in `l` (the English one for a preset without a Bahasa text).
pub fn enabler_source(p: &EnablerPreset, l: Lang) -> String {
    match l {
        Lang::Id => enabler_source_id(p.id).unwrap_or(p.source).to_string(),
        Lang::En => p.source.to_string(),
    }
}

/// A district's sources in `l`: a built-in preset's in Bahasa when `s` carries that preset's sources
/// unchanged, otherwise the sources as they are.
pub fn district_sources(s: &Scenario, l: Lang) -> Vec<String> {
    if l == Lang::En {
        return s.district.sources.clone();
    }
    PRESETS
        .iter()
        .filter_map(|p| presets::preset(p.id).map(|ps| (p.id, ps)))
        .find(|(_, ps)| ps.district.sources == s.district.sources)
        .and_then(|(id, ps)| preset_sources_id(id, &ps))
        .unwrap_or_else(|| {
            s.district.sources.iter().map(|src| generated_note_id(src).unwrap_or_else(|| src.clone())).collect()
        })
}

/// The notes the district table and the district form write (`entas_model::district_table`, English
/// templates) in Bahasa, phrase by phrase with decimal commas; None for any other text (what a user or a
/// table's source column wrote stays as it is).
fn generated_note_id(s: &str) -> Option<String> {
    const OURS: [&str; 5] = [
        "the district table (line ",
        "[A]: not given; P0 × the P1/P0 of ",
        " (the table) is not used without a published P1",
        "Population ≈ poor people ÷ P0 = ",
        "[A]: not in the table; Indonesia's",
    ];
    let population_note = s.starts_with("Population ") && s.contains(" (the table) and poor people ÷ P0 = ");
    if !OURS.iter().any(|o| s.contains(o)) && !population_note {
        return None;
    }
    const PHRASES: [(&str, &str); 13] = [
        ("the district table (line ", "tabel kabupaten/kota (baris "),
        (" [A]: not given; P0 × the P1/P0 of ", " (perkiraan): tidak tersedia; P0 × rasio P1/P0 "),
        (", March 2024)", ", Maret 2024)"),
        (" (the table) is not used without a published P1", " (dari tabel) tidak dipakai tanpa P1 terbitan"),
        (" (the table) and poor people ÷ P0 = ", " (dari tabel) dan penduduk miskin ÷ P0 = "),
        (" differ by ", " berbeda "),
        (
            "% (another population base?): the model's counts follow P0 × ",
            "% (dasar penduduk lain?): jumlah dalam model mengikuti P0 × ",
        ),
        ("Population ≈ poor people ÷ P0 = ", "Jumlah penduduk ≈ penduduk miskin ÷ P0 = "),
        ("Population ", "Jumlah penduduk "),
        (" [C]", " (turunan)"),
        ("Household size ", "Rata-rata anggota rumah tangga "),
        (" [A]: not in the table; Indonesia's", " (perkiraan): tidak ada di tabel; angka Indonesia"),
        (" poor people", " penduduk miskin"),
    ];
    let text = PHRASES.iter().fold(s.to_string(), |t, (en, id)| t.replace(en, id));
    // A decimal point between digits becomes a comma ("12.88%" → "12,88%").
    let chars: Vec<char> = text.chars().collect();
    Some(
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let digit = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
                if *c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                    ','
                } else {
                    *c
                }
            })
            .collect(),
    )
}

/// A number as Rust prints it, with a decimal comma.
fn decimal_comma(x: f64) -> String {
    x.to_string().replace('.', ",")
}

fn lever_source_id(id: LeverId) -> &'static str {
    use LeverId as L;
    match id {
        L::CashBudget => "Bantuan tunai daerah (Bantu Umak / BLT / tambahan PKH). Muba 2024: Bantu Umak Rp70 miliar (Republika, Linggau Pos)",
        L::CashBenefit => "PKH ≈ Rp3,0 juta per keluarga per tahun, rentang 0,9–10 juta (Kemensos) [U]",
        L::CashGapFilling => "1 = setiap keluarga dibayar sebesar perkiraan kesenjangan kemiskinannya (dari skornya di data terpadu), ditambah untuk kebocoran penyaluran dan bagian yang tidak menjadi konsumsi, sehingga yang tercatat sebagai konsumsi menutup kesenjangan yang diperkirakan, sebagai ganti bantuan bernilai tetap",
        L::FoodBudget => "Bantuan pangan daerah (sembako, Bakul Nasi)",
        L::FoodBenefit => "Sembako Rp200 ribu per keluarga per bulan (Kemensos, PMK 40/2020) [U]",
        L::FoodInKindShare => "Bagian bantuan pangan yang disalurkan dalam bentuk natura (beras), bukan sebagai e-voucher (BPNT/sembako berbentuk e-voucher sejak 2017–2020)",
        L::HealthBudget => "Premi jaminan kesehatan yang dibayar daerah (UHC / Jamkesda). Muba 2024: UHC Rp45 miliar (Republika)",
        L::HealthPremium => "Iuran JKN kelas III Rp42.000 per orang per bulan (Perpres 64/2020)",
        L::GraduationBudget => "Paket model graduasi (aset, pelatihan, pendampingan, dukungan konsumsi): satu paket per rumah tangga, dari daftar pemberdayaan",
        L::GraduationCost => "Rp20 juta per rumah tangga, rentang 8–35 juta (Banerjee et al. 2015, Science, 6 negara) [U]",
        L::EnterpriseBudget => "Hibah usaha produktif (UEP / KUBE / ternak): satu hibah per rumah tangga, dari daftar pemberdayaan",
        L::EnterpriseGrant => "Hibah per rumah tangga [A]",
        L::HousingBudget => "Perbaikan rumah (bedah rumah / RTLH). Muba 2024: Rp30 miliar (Republika)",
        L::HousingUnitCost => "Biaya per rumah yang diperbaiki [A]",
        L::WashBudget => "Air bersih dan sanitasi. Muba 2024: Rp11 miliar (Republika)",
        L::WashUnitCost => "Biaya per sambungan air rumah tangga atau per jamban [A]",
        L::RegistryCoverage => "Bagian rumah tangga yang tercatat di data terpadu sosial (DTKS / P3KE / DTSEN), menurut bukti 40–95% [U]; pencacahan lengkap mengurangi kekurangan cakupan sebesar sepertiga (Bah, Bazzi, Sumarto & Tobias 2018). 100 = tolok ukur",
        L::TargetingAccuracy => "Korelasi ρ antara skor data terpadu yang baru dicacah (proxy-means test) dan konsumsi saat pencacahan, menurut bukti 0,5–0,9 [C]; pada cakupan 20%, galat eksklusi ≈ 56/50/43/36/25% untuk ρ = 0,5/0,6/0,7/0,8/0,9. Skor itu kemudian menua: kondisi rumah tangga berubah, catatannya tidak, sehingga korelasinya dengan kesejahteraan tahun berjalan turun seiring umur catatan. 1 = penargetan sempurna (tolok ukur)",
        L::RegistryAge => "Umur rata-rata catatan data terpadu pada tahun dasar, yaitu tahun sejak masing-masing dicacah: Regsosek dicacah pada Okt–Nov 2022 (BPS) dan menjadi bahan DTSEN (Inpres 4/2025), 2 tahun sebelum tahun dasar 2024; DTKS, yang berasal dari pencacahan PBDT 2015 (TNP2K), dimutakhirkan terus-menerus melalui usulan desa, sehingga semua preset, termasuk uji balik, memakai 2 [C, U]. Catatan menua karena kondisi rumah tangga berubah: korelasinya dengan kesejahteraan tahun berjalan adalah ρ·r^umur (r dari bagian penduduk miskin yang keluar per tahun); kesejahteraan yang bertahan lama (aset, rumah) akan menua lebih lambat, sehingga penuaan ini mungkin dilebih-lebihkan. 0 = catatan baru",
        L::DataUpdateBudget => "Pemutakhiran data terpadu (verifikasi dan pencacahan ulang): setiap tahun mencacah ulang sejumlah anggaran ÷ biaya per rumah tangga dari rumah tangga kabupaten, dipilih secara acak; catatan yang dicacah ulang menjadi baru (umur 0) dan rumah tangganya tercatat dengan cakupan pencacahan lengkap, 95% (Bah, Bazzi, Sumarto & Tobias 2018)",
        L::Convergence => "Seberapa jauh daftar sektor (bansos, PBI kesehatan, pemberdayaan, rumah dan air) menjadi satu daftar by name by address: korelasi galat pencatatan dan penyekoran antardaftar. 100 = semua program memakai satu daftar; 0 = empat daftar disusun terpisah [A]",
        L::Absorption => "Bagian anggaran yang terealisasi. Dinas Sosial Muba 2018: Rp332 juta dari Rp350 juta (rapat koordinasi TKPKD Muba, diberitakan 2 Mei 2019)",
        L::Overhead => "Biaya administrasi dan penyaluran [A]",
        L::ShockYear => "Jumlah tahun setelah tahun dasar saat guncangan kovariat terjadi (0 = tanpa guncangan)",
        L::ShockDepth => "Penurunan konsumsi pada tahun guncangan; separuhnya bertahan setahun lagi. Seperti COVID: 3,25%, kedalaman yang membuat Indonesia September 2019 → September 2020 naik +0,97 poin persen seperti angka BPS (9,22 → 10,19%, preset Uji COVID Indonesia 2019) pada asumsi bawaan; perubahan yang teramati sudah memuat respons bantuan nasional 2020 (perlindungan sosial PEN Rp216,6 triliun; Bappenas: 10,63% tanpa bantuan itu). Rentang 2–10% (skenario SMERU +0,5 sampai +7,4 poin persen)",
        L::ShockShare => "Bagian terbawah penduduk yang terdampak. Seperti COVID: 60% terbawah",
        L::GrowthB40 => "Pertumbuhan riil konsumsi 40% terbawah yang diukur terhadap garis kemiskinan (GK), bukan terhadap IHK [C, U]. GK BPS naik 6,3%/tahun pada 2015–2025 (Rp330.776 → Rp609.160), sedangkan IHK Maret naik 3,0%/tahun: 3,2 poin lebih cepat daripada harga. Konsumsi rumah tangga per kapita menurut neraca nasional ≈3,8%/tahun × faktor penerusan PIP Bank Dunia 0,7 = 2,7%/tahun riil, sehingga setelah dikurangi seluruh kenaikan GK menjadi −0,5%/tahun, bukan 2,7%/tahun; Poverty & Equity Brief Bank Dunia (Apr 2020): rata-rata konsumsi Susenas +2,9%/tahun pada 2014–18, 40% terbawah lebih lambat, 10% terbawah < 0,1%/tahun. Bukti tidak menetapkan angkanya: 1,0 adalah pertimbangan di dalam rentang 0–2,9 [U], dan riwayat P0 dalam preset adalah pemeriksa, bukan dasar kalibrasi",
        L::GrowthTilt => "Kemiringan insiden pertumbuhan: tambahan pertumbuhan per desil yang lebih rendah dalam sebaran (negatif: desil yang lebih kaya tumbuh lebih cepat) [C, U]. Dengan σ_low yang dikalibrasi ke P1 (≈0,40), pertumbuhan yang netral terhadap sebaran memberi elastisitas pertumbuhan P0 terhadap rata-rata sebesar −4 sampai −4,6, di luar bukti (−2,46, rentang −1,5 sampai −4; Miranti, Duncan & Cassells 2014): bukti menunjukkan konsumsi penduduk miskin tumbuh lebih lambat daripada rata-rata. −0,1 per desil membawa elastisitas tahun pertama model ke sekitar −2,5; tandanya sejalan dengan Poverty & Equity Brief Bank Dunia (Apr 2020: pada 2014–18 40% terbawah tumbuh lebih lambat daripada rata-rata), besarnya yang kecil sejalan dengan Gini BPS yang turun pada 2015–2024 (0,41 → 0,379)",
        L::ExitShare => "Bagian penduduk miskin yang keluar dari kemiskinan per tahun tanpa pertumbuhan (perputaran), menurut bukti 30–60%. Dartanto & Nurkholis 2013 (BIES) [C]. 0 = tanpa perputaran (tolok ukur)",
        L::CashDelivery => "Bagian hak bantuan tunai atau e-voucher yang sampai ke penerima. Banerjee, Hanna, Olken et al. (RCT BPNT): 81% menerima hak penuh",
        L::InKindDelivery => "Bagian beras natura yang sampai ke penerima (RCT yang sama: 24% menerima hak penuh) [U]",
        L::CashPassThrough => "Bagian bantuan tunai yang tercatat sebagai konsumsi terukur [U]; PKH menaikkan pengeluaran +3,8% (MicroSave 2019); Cahyadi et al. 2020",
        L::InKindValuation => "Nilai beras natura yang sampai bagi rumah tangga, sebagai bagian dari harga pasarnya. Bantuan pangan dapat dipertukarkan seperti uang tunai: beras yang tidak melebihi konsumsi keluarga sehari-hari membebaskan uang sebesar nilainya, sehingga menjadi konsumsi dengan laju yang sama dengan bantuan tunai; keluhan mutu menurunkan nilainya [A]",
        L::Multiplier => "Pengganda lokal atas transfer daerah, setelah dikurangi apa yang akan dibeli uang APBD yang sama di daerah itu bila tidak dipakai untuk transfer [A]. 1,0: uang daerah bukan uang baru bagi daerah (bila dibelanjakan untuk barang, pekerjaan fisik atau upah, uang itu juga beredar di daerah); Egger et al. 2022 (Econometrica) mengukur 2,5 untuk uang dari luar yang masuk ke perdesaan Kenya, batas atas bagi transfer yang dibiayai dari luar daerah (APBN, DBH)",
        L::GraduationEffect => "Kenaikan konsumsi jangka panjang (tahun ke-7 dan seterusnya setelah paket), per orang, sebagai bagian dari garis kemiskinan: uji coba melaporkan efek sebagai bagian dari konsumsi kelompok kontrol (penduduk sangat miskin, dekat GK), ditetapkan dalam rupiah saat masuk program; naik bertahap +6% pada tahun ke-2 (efek gabungan enam negara, Banerjee et al. 2015: +5,8%), +12% pada tahun ke-3–4, diinterpolasi ke hasil tindak lanjut 10 tahun di India, +25%, mulai tahun ke-7 (Banerjee, Duflo & Sharma 2021); tahun paket adalah tahun ke-1. 25% adalah hasil jangka panjang lokasi terbaik: kenaikan gabungan lokasi lainnya tetap lebih dekat ke +6–12%. Nilai bawaan memberi rasio manfaat/biaya 10 tahun sebesar 2,4 tanpa diskonto untuk Muba (sekitar 1,9 dengan diskonto 5% setahun; bukti 1,3–4,3); dengan efek 12% rasionya sekitar 1,3",
        L::GraduationDecay => "Peluruhan tahunan kenaikan konsumsi dari graduasi setelah tahun ke-7. Tindak lanjut 10 tahun di India tidak menemukan peluruhan (Banerjee, Duflo & Sharma 2021); lokasi Ghana, Etiopia dan Peru mempertahankan kenaikan yang lebih kecil tetapi bertahan 7 tahun kemudian (Banerjee et al. 2022) [U]",
        L::GraduationStipendShare => "Bagian biaya paket yang dibayarkan sebagai dukungan konsumsi pada tahun paket (uang saku mingguan pada bulan-bulan pertama, Banerjee et al. 2015) [U]",
        L::NationalPbiShare => "Penduduk yang dijamin PBI-JK nasional (iuran dibayar APBN), diurutkan menurut daftar kesehatan: 96,8 juta peserta (BPJS Kesehatan 2024) dari 281,6 juta penduduk (BPS 2024), 34%; UHC daerah sendiri (PBI-APBD) menjamin penduduk di luar mereka [C, U untuk satu kabupaten]",
        L::EnterpriseReturn => "Imbal hasil bulanan atas modal hibah. de Mel, McKenzie & Woodruff 2008 (QJE): 4,6–5,3% untuk usaha yang dijalankan laki-laki, ≈0 untuk usaha yang dijalankan perempuan",
        L::EnterpriseSurvival => "Usaha yang masih berjalan setelah 2 tahun [A]; usaha yang tutup dianggap tidak memberi hasil yang bertahan, usaha yang berjalan memberi imbal hasil mulai tahun setelah hibah diterima",
        L::HealthShockRate => "Rumah tangga yang mengalami kejadian kesehatan berbiaya besar per tahun [A]",
        L::HealthCostShare => "Biaya yang ditanggung sendiri untuk kejadian tersebut, sebagai bagian dari konsumsi setahun [A]",
        L::HealthConsumptionFactor => "Bagian biaya berobat yang tidak jadi ditanggung sendiri yang muncul sebagai konsumsi [A]",
        L::ServicesEffect => "Efek rumah yang diperbaiki atau sambungan air terhadap konsumsi; ≈0, dicatat sebagai indikator non-moneter [A]",
        L::RtlhShare => "Rumah tangga yang menempati rumah tidak layak huni (RTLH) pada tahun dasar, terkonsentrasi di kelompok terbawah [A]",
        L::NoSanitationShare => "Rumah tangga tanpa air minum aman atau sanitasi layak pada tahun dasar, terkonsentrasi di kelompok terbawah [A]",
        L::DataCost => "Biaya mencacah ulang satu rumah tangga. Regsosek 2022, pencacahan BPS dari pintu ke pintu atas setiap keluarga: Rp3,3 T untuk lapangan 2022 dan Rp872 M untuk pengolahan 2023, Rp4,17 T seluruhnya (Sekretaris Utama BPS, Liputan6 12 Okt 2022), untuk sekitar 71 juta rumah tangga (270,2 juta jiwa Sensus Penduduk 2020 ÷ 3,8) ≈ Rp59.000 per rumah tangga; upah lapangan saja, satu petugas per 250 keluarga dengan Rp3,2–4,1 juta sebulan, ≈ Rp13.000–16.000 [C]; putaran verifikasi sendiri oleh kabupaten bisa lebih mahal per rumah tangga",
        L::ExtremeLineDrift => "Penurunan tahunan garis ekstrem US$ PPP terhadap GK: garis PPP bergerak mengikuti IHK, sedangkan GK nasional naik 3,2 poin per tahun lebih cepat pada 2015–2025 (GK BPS dan IHK Maret) [C]; garis US$1,90 Rp322.170 (2021) → Rp351.957 (2023), dibandingkan GK Rp472.525 → Rp550.458",
        L::SurveyRse => "Galat baku relatif (RSE) P0 kabupaten tahun dasar (Susenas), diundi dalam simulasi Monte Carlo [C, U]: ≈670 rumah tangga sampel per kabupaten (345.000 ÷ 514, BPS Maret 2025) memberi galat baku sampel acak sederhana 1,3 poin persen pada P0 13%, RSE ≈ 10% (penggerombolan menaikkannya, stratifikasi menurunkannya); RSE kabupaten terbitan BPS sendiri tidak ditemukan. RSE ≤ 25% dinilai akurat",
        L::SigmaLow => "Sebaran log ekor bawah, hanya dipakai saat kalibrasi ke (P0, Gini, GK); nilai acuan untuk data konsumsi Indonesia: 0,40–0,45",
        L::SigmaMid => "Sebaran log konsumsi antara 1 dan 1,5 × GK (kelompok rentan); nilai acuan untuk data konsumsi Indonesia: ≈0,45",
    }
}

fn enabler_source_id(id: &str) -> Option<&'static str> {
    Some(match id {
        "data_lama" => "Data lama / DTKS (Kemensos 2026, dikutip tidak langsung: eksklusi 70–78%, inklusi 38–47%, PKH dan BPNT) [U]: cakupan penduduk miskin 60% (menurut bukti 40–95%), korelasi PMT 0,75 [A], catatan berumur sekitar 2 tahun (DTKS dimutakhirkan terus-menerus melalui usulan desa, bukan dicacah ulang), daftar sektor sebagian besar tetap terpisah (pemberitaan daerah: program tidak konvergen) [A]. Satu pembacaan yang jatuh dalam rentang Kemensos, bukan satu-satunya",
        "dtsen" => "DTSEN (Inpres 4/2025; Kemensos 2026, dikutip tidak langsung: eksklusi 18–28%, inklusi 30–40%) [U]: hasil pencacahan lengkap Regsosek 2022 yang digabung dengan DTKS, P3KE dan data administrasi, satu daftar by name by address untuk semua kementerian; cakupan 95% (pencacahan lengkap, Bah, Bazzi, Sumarto & Tobias 2018), ketepatan 0,9 (batas atas bukti), catatan baru. Jika dibaca terhadap desil 1–4, pasangan angka Kemensos menyiratkan program yang menjangkau 47% rumah tangga, lebih besar daripada bansos mana pun (BPNT ≈ 27%): angka yang dipublikasikan kemungkinan diukur dengan dasar lain",
        _ => return None,
    })
}

/// The Bahasa sources of preset `id`, built from the preset `p` itself where the English ones carry a value.
fn preset_sources_id(id: &str, p: &Scenario) -> Option<Vec<String>> {
    let p1 = match p.district.calibration {
        Calibration::P0P1 { p1, .. } | Calibration::P0P1P2 { p1, .. } => decimal_comma(p1),
        _ => String::new(),
    };
    let texts: Vec<String> = match id {
        "muba_2024" => vec![
            "P0 12,88%, 88.940 penduduk miskin, kemiskinan ekstrem 0,47%, rata-rata konsumsi Rp1.402.383 per kapita per bulan: BPS Musi Banyuasin 2024 melalui Antara Sumsel 748299, Republika (fbeta.republika.co.id/berita/sgpxp4490), Databoks".into(),
            format!("P1 {p1} [A]: P1 Muba yang dipublikasikan tidak ditemukan; P0 × P1/P0 Sumatera Selatan (1,888 ÷ 10,97, Maret 2024)"),
            "Jumlah penduduk ≈690.500 [C] = penduduk miskin ÷ P0; rata-rata anggota rumah tangga 4,1: BPS".into(),
            "GK ≈ Rp590.000 [A]: GK 2021 sebesar Rp537.774 yang diproyeksikan ke depan (angka 2024 tidak ditemukan)".into(),
            "Status quo 2024: Bantu Umak Rp70 miliar, UHC Rp45 miliar, RTLH Rp30 miliar, air bersih dan sanitasi Rp11 miliar (Republika; linggaupos.bacakoran.co/amp/15400); Bantu Umak Rp325.000 per orang penerima per bulan, dua penerima dalam keluarga beranggota 2–7 orang (pilarinformasi.com 2023/07/10; sumateraekspres.bacakoran.co/amp/40302)".into(),
            "APBD 2024 Rp3.482,6 miliar [U]: APBD murni (rancangan perubahan Rp4.762 miliar), menurut jurnalsumsel86.my.id (2024/12/05)".into(),
        ],
        "muara_enim_2024" => vec![
            "P0 9,79% [U: 9,75 di sumber lain], 66.420 penduduk miskin, GK Rp491.107: Databoks; BPS Sumsel melalui Radar Palembang (radarpalembang.bacakoran.co/amp/7025)".into(),
            format!("P1 {p1} [A]: P1 Muara Enim yang dipublikasikan tidak ditemukan; P0 × P1/P0 Sumatera Selatan (1,888 ÷ 10,97, Maret 2024)"),
            "Kemiskinan ekstrem 0,63% (2024) pada garis kabupaten sendiri sebesar Rp362.000 (Antara Sumsel 750219); 1,39% (2023)".into(),
            "Jumlah penduduk ≈645.250 [C]; rata-rata anggota rumah tangga 4,0 [A]".into(),
            "Status quo: premi UHC Rp89,7 miliar (2024), cakupan > 98% (saranainformasi.com, penghargaan UHC)".into(),
            "APBD 2024 ≈ Rp4.350 miliar [U]: belanja pada plafon perubahan (P-KUA/P-PPAS, 17 Sep 2024; radarbangsa.co.id), bukan perda finalnya".into(),
        ],
        "sumsel_2024" => vec![
            "P0 10,97%, 984.240 penduduk miskin, GK Rp554.197, P1 1,888, Gini 0,333, rata-rata anggota rumah tangga miskin 5,10: BPS Sumsel, Maret 2024 (banyuasinkab.bps.go.id pressrelease 2024/07/01/847)".into(),
            "Riwayat 2018–2025: BPS Sumsel melalui bisnis.com, Tribun Palembang, sumselterkini, pdfs.asia, sumselkita, Palpos, suarametropolitan".into(),
            "Jumlah penduduk ≈8,97 juta [C] = penduduk miskin ÷ P0; rata-rata anggota rumah tangga 3,9 [A]".into(),
            "APBD 2024 Rp11.607,3 miliar: belanja APBD Perubahan provinsi, disetujui 3 Sep 2024 (elnews.id/?p=9321)".into(),
        ],
        "indonesia_2024" => vec![
            "P0 9,03%, 25,22 juta penduduk miskin, GK Rp582.932, P1 1,461, P2 0,347, kemiskinan ekstrem 1,26%, Gini 0,379: BPS, Maret 2024".into(),
            "Riwayat (Maret) 2015–2025: BPS melalui infopublik, bisnis.com, AA, detik, Databoks, Beritasatu, Media Indonesia, ntbsatu; kemiskinan ekstrem 2025 0,85% (lahatsatu.com)".into(),
            "Jumlah penduduk ≈279,3 juta [C]; rata-rata anggota rumah tangga 3,8 [A]".into(),
            "APBN 2024 Rp3.325.100 miliar: belanja negara, UU 19/2023".into(),
        ],
        "muba_2021_backtest" => vec![
            "P0 15,84%, GK Rp537.774, kemiskinan ekstrem 6,56% pada garis US$1,90 (pemberitaan daerah menyebut 6,68): BPS Musi Banyuasin 2021 (daerah.beritasmart.com 2021/12)".into(),
            format!("P1 {p1} [A]: P0 × P1/P0 Sumatera Selatan Maret 2024"),
            "Jumlah penduduk ≈665.000 [A]; data teramati 2022–2025 dari BPS melalui Antara, Republika, Databoks, Palpos".into(),
            "Status quo 2021 [A]: UHC, RTLH dan air bersih pada anggaran 2024 (UHC sebesar Rp60 miliar pada 2018–19, mediaindonesia.com 268922; anggaran RTLH dan air bersih tahun-tahun sebelumnya tidak ditemukan)".into(),
            "Bantu Umak sebagaimana dijalankan: diluncurkan Juli 2023 (Rp32,0 miliar untuk enam kali pembayaran bulanan, pilarinformasi.com 2023/07/10), setelah Susenas Maret 2023, sehingga pertama kali terlihat pada Maret 2024, dengan laju 2024 sebesar Rp70 miliar per tahun (Republika); berlanjut pada 2025 dengan anggaran 2024 [U]".into(),
        ],
        "muara_enim_2018_backtest" => vec![
            "P0 12,56% (2018) dan riwayat sampai 2025: BPS melalui detak-palembang.com, rmolsumsel.id, Radar Palembang, Tribun Palembang".into(),
            format!("P1 {p1} [A]: P0 × P1/P0 Sumatera Selatan Maret 2024"),
            "GK Rp338.020 [C]: GK 2024 × rasio GK nasional 2018/2024 (401.220 ÷ 582.932); angka kemiskinan tidak bergantung padanya".into(),
            "Status quo: UHC pada anggaran 2024, Rp89,7 miliar [A] (UHC sejak Januari 2019, saranainformasi.com)".into(),
            "Jumlah penduduk ≈620.000 [A]".into(),
        ],
        "indonesia_2019_covid" => vec![
            "P0 9,22% (September 2019, BPS melalui suryakepri.com 2020/01/16); 10,19% (September 2020, BPS melalui Media Indonesia dan Tribunnews 2021/02/15)".into(),
            "P1 [A]: P0 × P1/P0 nasional Maret 2024 (1,461 ÷ 9,03); GK Rp440.538 (September 2019) [U]; jumlah penduduk ≈268,9 juta [C]".into(),
            "Respons nasional 2020 (realisasi perlindungan sosial PEN Rp216,6 triliun, Databoks) sudah termuat dalam perubahan yang teramati; Bappenas memperkirakan 10,63% tanpa respons itu (Tempo, Kontan)".into(),
        ],
        _ => return None,
    };
    Some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::levers::{ENABLER_PRESETS, LEVERS};

    /// References in the English texts to the project's own documents, which the Bahasa texts leave out (or
    /// name by what they are); their digits are not figures.
    const INTERNAL_REFS: &[&str] = &["brief §5", "seed 004"];

    const MARKERS: &[&str] = &[
        "the",
        "of",
        "and",
        "from",
        "was",
        "not found",
        "household",
        "households",
        "family",
        "per month",
        "per year",
        "rolled forward",
        "estimate",
        "share",
        "budget",
        "grant",
        "premium",
        "range",
    ];

    fn digit_runs(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(str::to_string).collect()
    }

    fn english_markers(s: &str) -> Vec<&'static str> {
        let words: Vec<String> =
            s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        MARKERS
            .iter()
            .copied()
            .filter(|m| {
                let parts: Vec<&str> = m.split(' ').collect();
                words.windows(parts.len()).any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
            })
            .collect()
    }

    /// A Bahasa text is there, is not the English one, carries its figures in the same order and no English.
    fn check(what: &str, en: &str, id: &str) {
        assert!(!id.trim().is_empty(), "{what}: empty Bahasa text");
        assert_ne!(id, en, "{what}: Bahasa text is the English one");
        let en_figures = INTERNAL_REFS.iter().fold(en.to_string(), |t, r| t.replace(r, ""));
        assert_eq!(digit_runs(id), digit_runs(&en_figures), "{what}: figures differ\n  en: {en}\n  id: {id}");
        assert_eq!(english_markers(id), Vec::<&str>::new(), "{what}: English words in\n  {id}");
    }

    #[test]
    fn every_lever_has_a_bahasa_source_with_the_english_figures() {
        assert_eq!(LEVERS.len(), LeverId::ALL.len());
        for spec in LEVERS {
            check(spec.id.as_str(), spec.source, &lever_source(spec, Lang::Id));
            assert_eq!(lever_source(spec, Lang::En), spec.source);
        }
    }

    #[test]
    fn every_enabler_preset_has_a_bahasa_source_with_the_english_figures() {
        for p in ENABLER_PRESETS {
            assert!(enabler_source_id(p.id).is_some(), "{}: no Bahasa text", p.id);
            check(p.id, p.source, &enabler_source(p, Lang::Id));
            assert_eq!(enabler_source(p, Lang::En), p.source);
        }
    }

    #[test]
    fn every_preset_district_source_has_a_bahasa_text_with_the_english_figures() {
        for info in PRESETS {
            let s = presets::preset(info.id).expect("preset");
            let id = district_sources(&s, Lang::Id);
            assert_eq!(district_sources(&s, Lang::En), s.district.sources);
            assert_eq!(id.len(), s.district.sources.len(), "{}: number of sources", info.id);
            assert_ne!(id, s.district.sources, "{}: Bahasa sources are the English ones", info.id);
            for (i, (en, id)) in s.district.sources.iter().zip(&id).enumerate() {
                check(&format!("{} source {i}", info.id), en, id);
            }
        }
    }

    #[test]
    fn the_notes_a_district_table_writes_read_in_bahasa_with_the_same_figures() {
        use entas_model::district_table::Table;
        let sample = Table::parse(include_str!("../../assets/data/sumsel-districts.csv")).expect("sample");
        let extra = Table::parse(
            "code,name,year,p0_pct,p2,poverty_line,poor_people,population\n\
             16,Sumatera Selatan,2024,10.97,,554197,984240,\n1611,Empat Lawang,2024,10.78,0.4,421747,28420,336158\n",
        )
        .expect("table");
        let mut checked = 0;
        for t in [&sample, &extra] {
            for r in &t.rows {
                let s = t.scenario(r);
                let id = district_sources(&s, Lang::Id);
                for (en, id) in s.district.sources.iter().zip(&id) {
                    if generated_note_id(en).is_some() {
                        check(&format!("{} {}", r.name, r.year), en, id);
                        checked += 1;
                    } else {
                        assert_eq!(en, id, "a source column's text stays as typed");
                    }
                }
            }
        }
        assert!(checked >= 14, "{checked} notes checked");
        let (_, note) = entas_model::district_table::p1_estimate(11.5);
        check("form P1", &note, &generated_note_id(&note).expect("ours"));
    }

    #[test]
    fn edited_district_sources_stay_as_typed_in_bahasa() {
        let mut s = presets::preset("muba_2024").expect("preset");
        s.district.sources.push("Survei Bappeda 2025".into());
        assert_eq!(district_sources(&s, Lang::Id), s.district.sources);
        s.district.sources.clear();
        assert_eq!(district_sources(&s, Lang::Id), Vec::<String>::new());
    }

    #[test]
    fn marker_words_are_found_as_whole_words_only() {
        assert_eq!(english_markers("Share of the poor, per month"), vec!["the", "of", "per month", "share"]);
        assert_eq!(english_markers("Bagian penduduk miskin per bulan; thereof, offer"), Vec::<&str>::new());
    }
}
