//! The SBP workbook reader (`inflow_import::sbp`) on damaged and hostile
//! workbooks.
//!
//! Random bytes almost never get past the container check, so most inputs
//! are read as edits of the real release (`data/sbp`): byte edits of its
//! `.xls`, byte edits of an `.xlsx` copy, and cell edits of its grid
//! written as a new `.xlsx`. The last reach the reader's own logic (labels,
//! headings, units, values) with a container calamine can open.

use std::io::Cursor;
use std::sync::OnceLock;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use inflow_import::sbp;

/// SBP's release as published, the seed of every mutation.
const FIXTURE: &[u8] = include_bytes!("../../../data/sbp/trade-in-services-ebops-jul-feb-fy26.xls");

/// An error message longer than this quotes too much of the input.
pub const MAX_MESSAGE: usize = 1_000;

/// The largest cell a cell edit may write: far enough out to make a range
/// of a few million cells, short of what would only measure the allocator.
const MAX_ROW: u32 = 20_000;
const MAX_COL: u16 = 300;

struct Seeds {
    /// The fixture's `EBOPS ` sheet as a grid of cells.
    grid: Vec<Vec<Data>>,
    /// That grid written as `.xlsx`.
    xlsx: Vec<u8>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let grid = grid().unwrap_or_default();
        let xlsx = write_xlsx(&grid, &[]).unwrap_or_default();
        Seeds { grid, xlsx }
    })
}

/// The workbook reader on arbitrary bytes. The first byte picks how the rest
/// is used: as the file itself, as byte edits of the real `.xls`, as byte
/// edits of its `.xlsx` copy, or as cell edits of its grid.
///
/// Whatever the input, the reader returns a value: a workbook (then turned
/// into import batches), or an error that names the file and quotes no more
/// than [`MAX_MESSAGE`] bytes.
pub fn workbook(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => read(rest),
        1 => read(&edit_bytes(FIXTURE, rest)),
        2 => read(&edit_bytes(&seeds().xlsx, rest)),
        _ => {
            if let Some(file) = write_xlsx(&seeds().grid, &cell_edits(rest)) {
                read(&file);
            }
        }
    }
}

/// Reads `bytes` under both names the importer accepts (the reader judges
/// by content; the name only goes into messages).
fn read(bytes: &[u8]) {
    for name in ["fuzz.xls", "fuzz.xlsx"] {
        match sbp::read_workbook(name, bytes) {
            Ok(wb) => {
                let released = inflow_core::parse_date("2026-03-20").ok();
                if let Some(date) = released {
                    let _ = sbp::to_batches(&wb, date, sbp::SBP_SOURCE_URL, &[]);
                }
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with(name), "error without the file: {msg}");
                assert!(
                    msg.len() <= MAX_MESSAGE,
                    "error of {} bytes: {}…",
                    msg.len(),
                    msg.chars().take(200).collect::<String>()
                );
            }
        }
    }
}

/// Values a container edit writes where a sector number belongs: the
/// chain markers, small numbers, numbers just past the file, huge ones.
const SECTOR_IDS: [u32; 8] = [
    0,
    1,
    3_000,
    0x7FFF_FFFF,
    0xFFFF_FFFA,
    0xFFFF_FFFD,
    0xFFFF_FFFE,
    0xFFFF_FFFF,
];

/// Applies `ops` to a copy of `seed`, 6 bytes an edit: kind, a 4-byte
/// offset, an argument. Kinds: set a byte, flip its bits, zero 1-255
/// bytes, cut the file there, copy 1-255 bytes from elsewhere over it,
/// shift the rest of the file by a byte (as a corrupted transfer might),
/// set a byte of the OLE header, or write a sector number into the header,
/// the first FAT sector or the first directory sector (where a damaged
/// container does harm).
fn edit_bytes(seed: &[u8], ops: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for op in ops.chunks_exact(6) {
        if out.len() < 512 {
            break;
        }
        let raw = u32::from_le_bytes([op[1], op[2], op[3], op[4]]) as usize;
        let at = raw % out.len();
        let arg = op[5];
        match op[0] % 8 {
            0 => out[at] = arg,
            1 => out[at] ^= arg.max(1),
            2 => {
                let end = (at + usize::from(arg.max(1))).min(out.len());
                out[at..end].fill(0);
            }
            3 => out.truncate(at),
            4 => {
                let from = (at * 7 + usize::from(arg)) % out.len();
                let len = usize::from(arg.max(1))
                    .min(out.len() - at)
                    .min(out.len() - from);
                out.copy_within(from..from + len, at);
            }
            5 => {
                out.insert(at, arg);
                out.pop();
            }
            6 => out[raw % 512] = arg,
            _ => {
                let sector = |field: usize| {
                    let id = u32::from_le_bytes([
                        out[field],
                        out[field + 1],
                        out[field + 2],
                        out[field + 3],
                    ]);
                    (id as usize + 1) * 512
                };
                // Header fields (40..512), the FAT (the first DIFAT entry
                // names its sector) or the directory (its start at 48).
                let base = match raw % 3 {
                    0 => 40,
                    1 => sector(76),
                    _ => sector(48),
                };
                let pos = (base + (raw / 3) % 472) & !3;
                if pos + 4 <= out.len() {
                    let v = SECTOR_IDS[usize::from(arg) % SECTOR_IDS.len()];
                    out[pos..pos + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    out
}

/// One change to a cell of the grid.
#[derive(Debug, Clone)]
struct CellEdit {
    /// 0-based row.
    row: u32,
    /// 0-based column.
    col: u16,
    /// What the cell becomes.
    data: Data,
}

/// Texts a cell edit writes: the words the reader looks for, near misses
/// of them, and awkward strings.
const WORDS: [&str; 16] = [
    "Credit",
    "Debit",
    "Net",
    "Services",
    "(Amount in Thousand US$)",
    "(Amount in Million US$)",
    "(Amount in Billion US$)",
    "Feb-26 (P)",
    "Jul-Feb, FY26 (P)",
    "Jul-Feb, FY26 (R)",
    "N/A",
    "3. Transport",
    "9. Telecommunications, computer, and information services",
    "9.1 Telecommunication services",
    "",
    "Amount in",
];

/// Reads `ops` as cell edits, 5 bytes each: row and column (mostly inside
/// the table, sometimes far outside it) and what to write.
fn cell_edits(ops: &[u8]) -> Vec<CellEdit> {
    let seeds = seeds();
    let height = seeds.grid.len().max(1) as u32;
    let width = seeds.grid.first().map_or(1, Vec::len).max(1) as u32;
    ops.chunks_exact(5)
        .map(|op| {
            let far = op[0] & 0x80 != 0;
            let (row, col) = if far {
                (
                    u32::from(op[1]) * 80 % MAX_ROW,
                    (u16::from(op[2]) * 3) % MAX_COL,
                )
            } else {
                (u32::from(op[1]) % height, (u32::from(op[2]) % width) as u16)
            };
            let arg = op[4];
            let data = match op[3] % 8 {
                0 => Data::Empty,
                1 => Data::String(WORDS[usize::from(arg) % WORDS.len()].to_string()),
                2 => Data::String("x".repeat(usize::from(arg) * 40)),
                3 => Data::Float(f64::from(arg) * 1_000.0 - 1_000.0),
                4 => Data::Float(
                    [f64::MAX, f64::MIN, 1e308, -0.0, 1e-300, 4.5e15][usize::from(arg) % 6],
                ),
                5 => Data::Float(46_000.0 + f64::from(arg)), // a date serial, 2025-2026
                6 => Data::Bool(arg % 2 == 0),
                _ => Data::String(
                    String::from_utf8_lossy(&op[1..5])
                        .chars()
                        .filter(|c| !c.is_control())
                        .collect(),
                ),
            };
            CellEdit { row, col, data }
        })
        .collect()
}

/// The fixture's `EBOPS ` sheet as a grid (row, column from A1).
fn grid() -> Option<Vec<Vec<Data>>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(FIXTURE.to_vec())).ok()?;
    let range = book.worksheet_range("EBOPS ").ok()?;
    let (r0, c0) = range.start()?;
    let mut g = vec![vec![Data::Empty; c0 as usize + range.width()]; r0 as usize + range.height()];
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            g[r0 as usize + r][c0 as usize + c] = d.clone();
        }
    }
    Some(g)
}

/// Writes `grid` with `edits` applied over it as an `.xlsx` with one sheet
/// named as SBP names it.
fn write_xlsx(grid: &[Vec<Data>], edits: &[CellEdit]) -> Option<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("EBOPS ").ok()?;
    let cells = grid.iter().enumerate().flat_map(|(r, row)| {
        row.iter()
            .enumerate()
            .map(move |(c, d)| (r as u32, c as u16, d))
    });
    let edited = edits.iter().map(|e| (e.row, e.col, &e.data));
    for (r, c, d) in cells.chain(edited) {
        // A later write to the same cell replaces the earlier one; an empty
        // edit clears it.
        let _ = match d {
            Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
            Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
            Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
            Data::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
            Data::DateTime(dt) => ws.write_number(r, c, dt.as_f64()).map(|_| ()),
            _ => {
                ws.clear_cell(r, c);
                Ok(())
            }
        };
    }
    book.save_to_buffer().ok()
}
