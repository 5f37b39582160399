use calamine::{Data, Reader, open_workbook_auto_from_rs};
use rust_xlsxwriter::{Format, Workbook as XlsxBook};

use super::*;

const FIXTURE: &[u8] =
    include_bytes!("../../../../data/sbp/trade-in-services-ebops-jul-feb-fy26.xls");
const NAME: &str = "dt.xls";

fn fixture() -> super::Workbook {
    read_workbook(NAME, FIXTURE).unwrap()
}

/// Every value as (series key, period, cell-independent) for comparisons.
fn values(wb: &super::Workbook) -> Vec<(String, String, Option<f64>)> {
    let mut out: Vec<_> = wb
        .values
        .iter()
        .map(|v| {
            (
                wb.items[v.item].sbp.key(v.flow).unwrap().to_string(),
                wb.groups[v.group].period.to_string(),
                v.usd_million,
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

fn value(wb: &super::Workbook, key: &str, period: &str) -> Option<f64> {
    values(wb)
        .into_iter()
        .find(|(k, p, _)| k == key && p == period)
        .and_then(|(_, _, v)| v)
}

/// The fixture's cells as a grid, to rewrite as a changed `.xlsx`.
fn grid() -> Vec<Vec<Data>> {
    grid_of(FIXTURE)
}

/// A workbook's cells as a grid.
fn grid_of(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("EBOPS ").unwrap();
    let (r0, c0) = range.start().unwrap();
    let mut g =
        vec![vec![Data::Empty; (c0 as usize) + range.width()]; (r0 as usize) + range.height()];
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            g[r0 as usize + r][c0 as usize + c] = d.clone();
        }
    }
    g
}

/// Writes a grid as `.xlsx`, every cell moved down `dr` rows and right `dc`
/// columns.
fn xlsx(grid: &[Vec<Data>], dr: u32, dc: u16) -> Vec<u8> {
    let mut book = XlsxBook::new();
    let ws = book.add_worksheet();
    ws.set_name("EBOPS ").unwrap();
    let date = Format::new().set_num_format("mmm-yy");
    for (r, row) in grid.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            let (r, c) = (r as u32 + dr, c as u16 + dc);
            match d {
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(r, c, *i as f64).unwrap();
                }
                Data::DateTime(dt) => {
                    ws.write_number_with_format(r, c, dt.as_f64(), &date)
                        .unwrap();
                }
                _ => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn find(grid: &[Vec<Data>], text: &str) -> (usize, usize) {
    for (r, row) in grid.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            if matches!(d, Data::String(s) if s == text) {
                return (r, c);
            }
        }
    }
    panic!("{text} not in the fixture")
}

#[test]
fn the_real_release_reads_by_label() {
    let wb = fixture();
    assert_eq!(wb.sheet, "EBOPS ");
    assert_eq!(wb.unit, "Thousand US$");
    let periods: Vec<String> = wb.groups.iter().map(|g| g.period.to_string()).collect();
    assert_eq!(
        periods,
        [
            "2025-02",
            "2026-01",
            "2026-02",
            "FY2024-25:Jul-Feb",
            "FY2025-26:Jul-Feb"
        ]
    );
    let markers: Vec<Marker> = wb.groups.iter().map(|g| g.marker).collect();
    assert_eq!(
        markers,
        [
            Marker::None,
            Marker::Revised,
            Marker::Provisional,
            Marker::None,
            Marker::Provisional
        ]
    );
    assert_eq!(wb.groups[0].cell, "EBOPS !C7");
    // Every row from Services to 12.3, each once.
    assert_eq!(wb.items.len(), 88);
    assert_eq!(wb.items[0].sbp.code, "S");
    assert_eq!(wb.items.last().unwrap().sbp.number, "12.3");
    let sw = wb.items.iter().find(|i| i.sbp.number == "9.2.2").unwrap();
    assert_eq!(sw.title, "Software consultancy services");
    // Thousand US$ become USD million at three decimals.
    assert_eq!(value(&wb, "pk.ict.exports", "2026-02"), Some(363.81));
    assert_eq!(value(&wb, "pk.ict.exports", "2026-01"), Some(373.528));
    assert_eq!(value(&wb, "pk.ict.exports", "2025-02"), Some(306.294));
    assert_eq!(
        value(&wb, "pk.ict.exports", "FY2025-26:Jul-Feb"),
        Some(2974.293)
    );
    assert_eq!(value(&wb, "pk.ict.imports", "2026-02"), Some(44.118));
    assert_eq!(
        value(&wb, "pk.ict.exports.call_centre", "2026-02"),
        Some(35.425)
    );
    assert_eq!(value(&wb, "pk.services.exports", "2026-02"), Some(812.246));
    // N/A is a missing value, not a zero.
    assert_eq!(value(&wb, "pk.ict.imports.freelance", "2026-02"), None);
    assert_eq!(
        value(&wb, "pk.ict.exports.freelance", "2026-02"),
        Some(92.897)
    );
    // The credit cell of item 9 in the latest month.
    let v = wb
        .values
        .iter()
        .find(|v| wb.items[v.item].sbp.number == "9" && v.group == 2 && v.flow == Flow::Exports)
        .unwrap();
    assert_eq!(v.cell, "EBOPS !I59");
}

#[test]
fn a_shifted_xlsx_copy_gives_identical_values() {
    let g = grid();
    let shifted = xlsx(&g, 3, 2);
    assert!(is_workbook(&shifted));
    let a = fixture();
    let b = read_workbook("shifted.xlsx", &shifted).unwrap();
    assert_eq!(values(&a), values(&b));
    assert_eq!(b.groups[0].cell, "EBOPS !E10");
    let markers: Vec<Marker> = b.groups.iter().map(|g| g.marker).collect();
    assert_eq!(
        markers,
        a.groups.iter().map(|g| g.marker).collect::<Vec<_>>()
    );
}

#[test]
fn a_changed_unit_is_refused_naming_the_cell() {
    let mut g = grid();
    let (r, c) = find(&g, "(Amount in Thousand US$)");
    g[r][c] = Data::String("(Amount in Million Rupees)".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("x.xlsx: EBOPS !L6: expected the unit"),
        "{err}"
    );
    assert!(err.contains("Million Rupees"), "{err}");
}

#[test]
fn a_missing_or_unreadable_period_heading_is_refused_naming_the_cell() {
    let mut g = grid();
    let (r, c) = find(&g, "Feb-26 (P)");
    g[r][c] = Data::Empty;
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("x.xlsx: EBOPS !I7: expected a period heading"),
        "{err}"
    );
    g[r][c] = Data::String("Febr-26 (Q)".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("EBOPS !I7") && err.contains("Febr-26 (Q)"),
        "{err}"
    );
}

#[test]
fn a_missing_debit_heading_or_split_row_is_refused() {
    let mut g = grid();
    let (r, _) = find(&g, "Credit");
    g[r][6] = Data::String("Debt".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(err.contains("EBOPS !G8") && err.contains("Debit"), "{err}");
    for d in g[r].iter_mut() {
        *d = Data::Empty;
    }
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Credit"), "{err}");
}

#[test]
fn an_item_twice_or_an_unknown_or_mislabelled_item_is_refused() {
    let g0 = grid();
    let (r, c) = find(&g0, "9.2.2 Software consultancy services  ");
    let mut g = g0.clone();
    g[r + 1][c] = g[r][c].clone();
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("EBOPS !B66") && err.contains("already at EBOPS !B65"),
        "{err}"
    );
    let mut g = g0.clone();
    g[r][c] = Data::String("9.2.9 Quantum services".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("EBOPS !B65") && err.contains("Quantum"),
        "{err}"
    );
    let mut g = g0;
    g[r][c] = Data::String("9.2.2 Hardware consultancy".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("EBOPS !B65") && err.contains("\"software\""),
        "{err}"
    );
}

#[test]
fn text_in_a_value_cell_is_refused() {
    let mut g = grid();
    let (r, _) = find(&g, "9.2.2 Software consultancy services  ");
    g[r][2] = Data::String("about 84".into());
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("EBOPS !C65: expected a number or N/A"),
        "{err}"
    );
}

#[test]
fn a_truncated_or_foreign_file_is_refused() {
    let half = &FIXTURE[..FIXTURE.len() / 2];
    let err = read_workbook(NAME, half).unwrap_err();
    assert!(matches!(err, Error::Workbook { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with("dt.xls: not a readable Excel workbook"),
        "{err}"
    );
    // Cut at a sector boundary, so only the container's own checks catch it.
    let sectors = &FIXTURE[..FIXTURE.len() / 1024 * 512];
    assert!(matches!(
        read_workbook(NAME, sectors),
        Err(Error::Workbook { .. })
    ));
    let zip = &xlsx(&grid(), 0, 0);
    let cut = &zip[..zip.len() / 2];
    assert!(matches!(
        read_workbook("x.xlsx", cut),
        Err(Error::Workbook { .. })
    ));
    assert!(read_workbook(NAME, b"series,period\n").is_err());
    assert!(read_workbook(NAME, &[]).is_err());
}

#[test]
fn batches_keep_keys_statuses_and_published_totals() {
    let wb = fixture();
    let date = inflow_core::parse_date("2026-03-17").unwrap();
    let b = to_batches(&wb, date, SBP_SOURCE_URL, &[]).unwrap();
    assert_eq!(b[0].series.len(), 176);
    let ict = b[1]
        .observations
        .iter()
        .filter(|o| o.value.series.as_str() == "pk.ict.exports")
        .map(|o| (o.value.period.to_string(), o.value.status))
        .collect::<Vec<_>>();
    assert_eq!(
        ict,
        [
            ("2025-02".to_string(), inflow_core::ObsStatus::Reported),
            ("2026-01".to_string(), inflow_core::ObsStatus::Revised),
            ("2026-02".to_string(), inflow_core::ObsStatus::Provisional)
        ]
    );
    let missing = b[1]
        .observations
        .iter()
        .find(|o| o.value.series.as_str() == "pk.ict.imports.freelance")
        .unwrap();
    assert_eq!(missing.value.status, inflow_core::ObsStatus::Missing);
    assert!(
        missing.value.note.contains("EBOPS !D68"),
        "{}",
        missing.value.note
    );
    let ytd = b[2]
        .published
        .iter()
        .find(|p| {
            p.value.series.as_str() == "pk.ict.exports"
                && p.value.period.to_string() == "FY2025-26:Jul-Feb"
        })
        .unwrap();
    assert_eq!(ytd.value.value.get(), 2974.293);
}

#[test]
fn a_table_cut_short_is_refused_where_it_ends() {
    let mut g = grid();
    let row = g
        .iter()
        .position(|r| {
            r.iter()
                .any(|d| matches!(d, Data::String(s) if s.trim_start().starts_with("10.")))
        })
        .unwrap();
    g.truncate(row);
    let err = read_workbook("cut.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("cut.xlsx: EBOPS !B{}: expected item 10", row + 1)),
        "{err}"
    );
    assert!(err.contains("cut short"), "{err}");
}

/// The fixture with the 4-byte little-endian `value` at `at`.
fn patched(at: usize, value: u32) -> Vec<u8> {
    let mut b = FIXTURE.to_vec();
    b[at..at + 4].copy_from_slice(&value.to_le_bytes());
    b
}

fn u32_at(at: usize) -> u32 {
    u32::from_le_bytes(FIXTURE[at..at + 4].try_into().unwrap())
}

#[test]
fn a_damaged_sector_chain_is_refused_not_read_out_of_bounds() {
    // Found by the workbook fuzz target: calamine grew a buffer to a
    // damaged sector number's offset (9 GB, then abort) or followed a
    // looping chain forever. The directory's first sector is named in the
    // header (byte 48); its FAT entry is in the first FAT sector (DIFAT
    // entry 0, byte 76).
    let dir = u32_at(48) as usize;
    let fat = (u32_at(76) as usize + 1) * 512;
    for (value, expected) in [
        (
            0x7FFF_FFF0,
            "the directory: sector 2147483632 is outside the file",
        ),
        (dir as u32, "the directory: its chain of sectors loops"),
    ] {
        let err = read_workbook(NAME, &patched(fat + 4 * dir, value))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("dt.xls: not a readable Excel workbook"),
            "{err}"
        );
        assert!(err.ends_with(expected), "{err}");
    }
    // The header's first FAT sector beyond the file.
    let err = read_workbook(NAME, &patched(76, 0x00FF_FFFF))
        .unwrap_err()
        .to_string();
    assert!(err.contains("is beyond the file's"), "{err}");
}

#[test]
fn a_sheet_spanning_millions_of_cells_is_refused_before_it_is_built() {
    // Two cells, A1 and XFD1048576: calamine would allocate the rectangle
    // between them (half a terabyte) and abort.
    let mut book = XlsxBook::new();
    let ws = book.add_worksheet();
    ws.set_name("EBOPS ").unwrap();
    ws.write_string(0, 0, "Services").unwrap();
    ws.write_string(1_048_575, 16_383, "far").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let err = read_workbook("far.xlsx", &bytes).unwrap_err().to_string();
    assert!(err.contains("spans more than"), "{err}");
    assert!(err.contains("XFD1048576"), "{err}");
}

#[test]
fn a_long_text_in_a_cell_is_quoted_as_an_excerpt() {
    let mut g = grid();
    let (r, c) = find(&g, "Debit");
    g[r][c] = Data::String("y".repeat(30_000));
    let err = read_workbook("x.xlsx", &xlsx(&g, 0, 0))
        .unwrap_err()
        .to_string();
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
    assert!(err.contains("(30000 bytes)"), "{err}");
}

/// The release after the bundled one, as SBP published it (see
/// `tests/fixtures/sbp/README.md`).
const LATER: &[u8] =
    include_bytes!("../../../../tests/fixtures/sbp/trade-in-services-ebops-jul-mar-fy26.xls");

#[test]
fn the_next_real_release_reads_by_label_too() {
    let wb = read_workbook("jul-mar.xls", LATER).unwrap();
    let periods: Vec<String> = wb.groups.iter().map(|g| g.period.to_string()).collect();
    assert_eq!(
        periods,
        [
            "2025-03",
            "2026-02",
            "2026-03",
            "FY2024-25:Jul-Mar",
            "FY2025-26:Jul-Mar"
        ]
    );
    let markers: Vec<Marker> = wb.groups.iter().map(|g| g.marker).collect();
    assert_eq!(
        markers,
        [
            Marker::Revised,
            Marker::Revised,
            Marker::Provisional,
            Marker::Revised,
            Marker::Provisional
        ]
    );
    // The same 88 items; every one has a credit and a debit cell in the
    // latest month (a value or N/A).
    assert_eq!(wb.items.len(), 88);
    for flow in [Flow::Exports, Flow::Imports] {
        let n = wb
            .values
            .iter()
            .filter(|v| v.group == 2 && v.flow == flow)
            .count();
        assert_eq!(n, 88, "{flow:?}");
    }
    assert_eq!(value(&wb, "pk.ict.exports", "2026-03"), Some(413.623));
    assert_eq!(value(&wb, "pk.ict.imports", "2026-03"), Some(53.158));
    assert_eq!(value(&wb, "pk.ict.exports", "2026-02"), Some(363.81));
    assert_eq!(value(&wb, "pk.ict.exports", "2025-03"), Some(344.928));
    assert_eq!(
        value(&wb, "pk.ict.exports", "FY2025-26:Jul-Mar"),
        Some(3387.916)
    );
    assert_eq!(
        value(&wb, "pk.ict.exports.software_consultancy", "2026-03"),
        Some(119.589)
    );
    assert_eq!(value(&wb, "pk.ict.imports.freelance", "2026-03"), None);
    // The year to date moved by exactly the new month: 3,387.916 -
    // 2,974.293 (the bundled release's Jul-Feb) = 413.623.
    let earlier = fixture();
    let feb = value(&earlier, "pk.ict.exports", "FY2025-26:Jul-Feb").unwrap();
    assert!((3387.916 - feb - 413.623).abs() < 1e-9);
    // Shifted and saved as .xlsx, it reads the same.
    let shifted = xlsx(&grid_of(LATER), 5, 1);
    let b = read_workbook("shifted.xlsx", &shifted).unwrap();
    assert_eq!(values(&wb), values(&b));
}
