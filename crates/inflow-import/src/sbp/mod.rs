//! SBP's trade-in-services workbook ("Trade in Services, BPM6 - EBOPS 2010",
//! `dt.xls`), read by label, never by position.
//!
//! The reader finds, wherever they are on the sheet: the unit cell
//! (`(Amount in Thousand US$)`), the row of `Credit` / `Debit` / `Net`
//! headings and the period heading of each group above it, the label column
//! (the row labelled `Services`), and every item row below it up to the first
//! row without values (the footnotes). Anything that does not fit is refused
//! with the sheet and cell and what was expected; nothing is half-read.

mod batches;
mod items;
mod label;
mod ole;
mod period;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Sheets, Xlsx, open_workbook_auto_from_rs};

use inflow_core::{FiscalCalendar, Flow, Period};

pub use batches::{SBP_SOURCE_URL, source_items, to_batches};
pub use items::{SBP_ITEMS, SbpItem};
pub use label::normalise;
pub use period::Marker;

use crate::Error;

/// One column group: a period with its credit and debit columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The period the group covers: a month, or a fiscal year to date.
    pub period: Period,
    /// SBP's `(P)` / `(R)` marker on the heading.
    pub marker: Marker,
    /// The heading cell, such as `EBOPS !C7`.
    pub cell: String,
}

/// One item row.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The item in SBP's numbering.
    pub sbp: &'static SbpItem,
    /// The label as published, whitespace normalised, without the number.
    pub title: String,
    /// 1-based row on the sheet.
    pub row: u32,
}

/// One value cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Index into [`Workbook::items`].
    pub item: usize,
    /// Index into [`Workbook::groups`].
    pub group: usize,
    /// Credit (exports) or debit (imports).
    pub flow: Flow,
    /// USD million; `None` for `N/A` or an empty cell.
    pub usd_million: Option<f64>,
    /// The cell, such as `EBOPS !C59`.
    pub cell: String,
}

/// Everything read from one workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// The file's name as given.
    pub file: String,
    /// SHA-256 of the file's bytes, hex.
    pub digest: String,
    /// The sheet read.
    pub sheet: String,
    /// The unit as published, such as `Thousand US$`.
    pub unit: String,
    /// Column groups, left to right.
    pub groups: Vec<Group>,
    /// Item rows, top to bottom.
    pub items: Vec<Item>,
    /// Credit and debit of every item in every group.
    pub values: Vec<Value>,
}

/// The first bytes of an OLE compound file (legacy `.xls`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Hex SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `bytes` look like an Excel workbook (BIFF `.xls` in an OLE
/// container, or a zip as `.xlsx` is), judged by content, not by name.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC) || bytes.starts_with(b"PK\x03\x04")
}

/// A1-style name of a 0-based cell: `(6, 2)` is `C7`.
fn a1(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

struct Sheet<'a> {
    file: &'a str,
    name: String,
    range: calamine::Range<Data>,
    /// Absolute row and column of the range's first cell.
    origin: (u32, u32),
}

impl Sheet<'_> {
    fn rows(&self) -> std::ops::Range<u32> {
        self.origin.0..self.origin.0 + self.range.height() as u32
    }

    fn cols(&self) -> std::ops::Range<u32> {
        self.origin.1..self.origin.1 + self.range.width() as u32
    }

    fn get(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        if row < self.origin.0 || col < self.origin.1 {
            return &EMPTY;
        }
        self.range
            .get((
                (row - self.origin.0) as usize,
                (col - self.origin.1) as usize,
            ))
            .unwrap_or(&EMPTY)
    }

    fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.get(row, col) {
            Data::String(s) => Some(normalise(s)),
            _ => None,
        }
    }

    fn cell(&self, row: u32, col: u32) -> String {
        format!("{}!{}", self.name, a1(row, col))
    }

    fn refuse(&self, row: u32, col: u32, expected: impl Into<String>, found: &Data) -> Error {
        Error::Cell {
            file: self.file.to_string(),
            cell: self.cell(row, col),
            expected: expected.into(),
            found: show(found),
        }
    }

    fn refuse_sheet(&self, reason: impl Into<String>) -> Error {
        Error::Workbook {
            file: self.file.to_string(),
            reason: format!("sheet {:?}: {}", self.name, reason.into()),
        }
    }
}

/// A cell as an error message quotes it: a long text only as an excerpt, so a
/// hostile cell cannot make the message as large as itself.
fn show(d: &Data) -> String {
    match d {
        Data::Empty => "an empty cell".into(),
        Data::String(s) => crate::excerpt(s),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(dt) => format!("the date serial {}", dt.as_f64()),
        other => format!("{other:?}"),
    }
}

/// Reads SBP's trade-in-services workbook (`.xls` or `.xlsx`) from its bytes.
///
/// # Errors
/// [`Error::Workbook`] when the bytes are not a readable workbook or have no
/// EBOPS sheet; [`Error::Cell`] naming the sheet and cell for a layout that
/// does not match (unknown unit, missing heading, unreadable period, unknown
/// or repeated item, a value that is not a number).
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Workbook, Error> {
    let fiscal = FiscalCalendar::PAKISTAN;
    let not_readable = |why: String| Error::Workbook {
        file: file.to_string(),
        reason: format!("not a readable Excel workbook (truncated or damaged?): {why}"),
    };
    if bytes.starts_with(&OLE_MAGIC) && bytes.len() % 512 != 0 {
        // An OLE container is whole 512-byte sectors; anything else was cut.
        return Err(not_readable(format!(
            "{} bytes is not a whole number of 512-byte sectors",
            bytes.len()
        )));
    }
    if bytes.starts_with(&OLE_MAGIC) {
        ole::check(bytes)
            .map_err(|why| not_readable(format!("its OLE container is damaged: {why}")))?;
    }
    // calamine can panic on some damaged containers; a damaged file must be
    // an error like any other bad input.
    let opened = std::panic::catch_unwind(|| {
        let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))?;
        let names = book.sheet_names();
        match &mut book {
            Sheets::Xlsx(x) => {
                for n in &names {
                    if let Some(why) = too_wide(x, n)? {
                        return Ok(Err(why));
                    }
                }
            }
            Sheets::Xls(_) => {}
            // Neither is a form SBP publishes or the reader was made for,
            // and neither has been checked for the extent of its sheets.
            Sheets::Xlsb(_) | Sheets::Ods(_) => {
                return Ok(Err("an .xlsb or .ods file, not .xls or .xlsx".to_string()));
            }
        }
        let ranges = names
            .iter()
            .map(|n| book.worksheet_range(n).map(|r| (n.clone(), r)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, calamine::Error>(Ok(ranges))
    });
    let sheets = match opened {
        Ok(Ok(Ok(s))) => s,
        Ok(Ok(Err(why))) => return Err(not_readable(why)),
        Ok(Err(e)) => return Err(not_readable(e.to_string())),
        Err(_) => return Err(not_readable("the container is damaged".into())),
    };
    let names: Vec<String> = sheets.iter().map(|(n, _)| n.clone()).collect();
    let name = names
        .iter()
        .find(|n| normalise(n).eq_ignore_ascii_case("EBOPS"))
        .or_else(|| {
            names
                .iter()
                .find(|n| n.to_ascii_uppercase().contains("EBOPS"))
        })
        .or(if names.len() == 1 {
            names.first()
        } else {
            None
        })
        .cloned()
        .ok_or_else(|| Error::Workbook {
            file: file.to_string(),
            reason: format!("no sheet named \"EBOPS \"; sheets: {names:?}"),
        })?;
    let Some((_, range)) = sheets.into_iter().find(|(n, _)| *n == name) else {
        return Err(not_readable(format!("sheet {name:?} cannot be read")));
    };
    let origin = range.start().unwrap_or((0, 0));
    let sheet = Sheet {
        file,
        name,
        range,
        origin,
    };

    let (unit, factor) = find_unit(&sheet)?;
    let (split_row, groups_cols) = find_split(&sheet)?;
    let groups = read_groups(&sheet, split_row, &groups_cols, fiscal)?;
    let first_value_col = groups_cols.first().map_or(0, |g| g.0);
    let (label_col, first_row) = find_services_row(&sheet, split_row, first_value_col)?;
    let value_cols: Vec<(u32, Flow)> = groups_cols
        .iter()
        .flat_map(|&(c, d)| [(c, Flow::Exports), (d, Flow::Imports)])
        .collect();

    let mut items: Vec<Item> = Vec::new();
    let mut values = Vec::new();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    let mut end_row = sheet.rows().end;
    for row in first_row..sheet.rows().end {
        let Some(label) = sheet.text(row, label_col) else {
            if value_cols
                .iter()
                .all(|&(c, _)| matches!(sheet.get(row, c), Data::Empty))
            {
                continue; // a blank spacer row
            }
            return Err(sheet.refuse(row, label_col, "an item label", sheet.get(row, label_col)));
        };
        let has_values = value_cols
            .iter()
            .any(|&(c, _)| !matches!(sheet.get(row, c), Data::Empty));
        if !has_values {
            end_row = row;
            break; // the footnotes start
        }
        let (number, title) = label::split_number(&label);
        let sbp = SbpItem::by_number(&number).ok_or_else(|| {
            sheet.refuse(
                row,
                label_col,
                "an item of SBP's EBOPS 2010 table (Services, 1. ... 12. and their sub-items)",
                sheet.get(row, label_col),
            )
        })?;
        if !sbp.label_matches(&title) {
            return Err(sheet.refuse(
                row,
                label_col,
                format!(
                    "item {} to be labelled with {:?}",
                    display_number(sbp),
                    sbp.word
                ),
                sheet.get(row, label_col),
            ));
        }
        if let Some(first) = seen.insert(sbp.code, row) {
            return Err(sheet.refuse(
                row,
                label_col,
                format!(
                    "each item once; item {} is already at {}",
                    display_number(sbp),
                    sheet.cell(first, label_col)
                ),
                sheet.get(row, label_col),
            ));
        }
        let item = items.len();
        for (gi, &(ccol, dcol)) in groups_cols.iter().enumerate() {
            for (col, flow) in [(ccol, Flow::Exports), (dcol, Flow::Imports)] {
                let d = sheet.get(row, col);
                let usd_million = match d {
                    Data::Float(f) => Some(*f),
                    Data::Int(i) => Some(*i as f64),
                    Data::Empty => None,
                    Data::String(s) if is_not_available(s) => None,
                    _ => {
                        return Err(sheet.refuse(row, col, "a number or N/A", d));
                    }
                }
                .map(|v| published_precision(v * factor));
                if usd_million.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    return Err(sheet.refuse(
                        row,
                        col,
                        "a non-negative amount (credit and debit are gross flows)",
                        d,
                    ));
                }
                values.push(Value {
                    item,
                    group: gi,
                    flow,
                    usd_million,
                    cell: sheet.cell(row, col),
                });
            }
        }
        items.push(Item {
            sbp,
            title,
            row: row + 1,
        });
    }
    // Every main item (1. to 12.) must be there: a table cut short (rows
    // lost in a damaged or truncated file) is refused where it ends.
    if let Some(lost) = items::SBP_ITEMS
        .iter()
        .find(|i| !i.number.contains('.') && !seen.contains_key(i.code))
    {
        return Err(sheet.refuse(
            end_row,
            label_col,
            format!(
                "item {} (labelled with {:?}); the table has no row for it, so it is cut short or incomplete",
                display_number(lost),
                lost.word
            ),
            sheet.get(end_row, label_col),
        ));
    }
    Ok(Workbook {
        file: file.to_string(),
        digest: digest(bytes),
        sheet: sheet.name.clone(),
        unit,
        groups,
        items,
        values,
    })
}

/// Cells a sheet may span (rows times columns of the rectangle from its
/// first used cell to its last): SBP's table spans a few thousand.
const MAX_SPAN: u64 = 1 << 21;

/// Why a sheet spans too many cells to read, if it does. calamine makes a
/// sheet one rectangle of cells, so two cells at A1 and XFD1048576 of an
/// otherwise empty `.xlsx` would ask for half a terabyte and abort the
/// process: the cells are streamed here first and only their extent kept.
fn too_wide(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Option<String>, calamine::XlsxError> {
    let mut cells = book.worksheet_cells_reader(name)?;
    let mut extent: Option<((u32, u32), (u32, u32))> = None;
    while let Some(cell) = cells.next_cell()? {
        let (r, c) = cell.get_position();
        let ((r0, c0), (r1, c1)) = extent.unwrap_or(((r, c), (r, c)));
        let e = ((r0.min(r), c0.min(c)), (r1.max(r), c1.max(c)));
        let span = u64::from(e.1.0 - e.0.0 + 1) * u64::from(e.1.1 - e.0.1 + 1);
        if span > MAX_SPAN {
            return Ok(Some(format!(
                "sheet {name:?} spans more than {MAX_SPAN} cells (a cell at {})",
                a1(r, c)
            )));
        }
        extent = Some(e);
    }
    Ok(None)
}

fn display_number(i: &SbpItem) -> &str {
    if i.number.is_empty() {
        "Services"
    } else {
        i.number
    }
}

fn is_not_available(s: &str) -> bool {
    let t = normalise(s).to_ascii_lowercase();
    matches!(t.as_str(), "n/a" | "na" | "n.a." | "-" | "..")
}

/// USD million at the precision SBP publishes (whole thousands of US$):
/// three decimals. Storing more would invent precision; storing less would
/// round away what was published.
fn published_precision(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The unit cell, `(Amount in Thousand US$)`, anywhere above the table.
fn find_unit(sheet: &Sheet<'_>) -> Result<(String, f64), Error> {
    for row in sheet.rows() {
        for col in sheet.cols() {
            let Some(t) = sheet.text(row, col) else {
                continue;
            };
            let lower = t.to_ascii_lowercase();
            let Some(rest) = lower.trim_start_matches('(').strip_prefix("amount in") else {
                continue;
            };
            let unit = rest.trim().trim_end_matches(')').trim();
            let factor = match unit {
                "thousand us$" | "thousand usd" | "us$ thousand" => 0.001,
                "million us$" | "million usd" | "us$ million" => 1.0,
                _ => {
                    return Err(sheet.refuse(
                        row,
                        col,
                        "the unit \"(Amount in Thousand US$)\" or \"(Amount in Million US$)\"",
                        sheet.get(row, col),
                    ));
                }
            };
            // "Amount in" is ASCII, so byte 9 is a character boundary.
            let inner = t.trim_start_matches('(').trim_end_matches(')');
            let published = inner.get(9..).unwrap_or_default().trim().to_string();
            return Ok((published, factor));
        }
    }
    Err(sheet.refuse_sheet("no unit cell such as \"(Amount in Thousand US$)\" above the table"))
}

/// The row of `Credit` / `Debit` / `Net` headings, and for each group the
/// columns of its credit and debit.
fn find_split(sheet: &Sheet<'_>) -> Result<(u32, Vec<(u32, u32)>), Error> {
    let is = |row, col, word: &str| {
        sheet
            .text(row, col)
            .is_some_and(|t| t.eq_ignore_ascii_case(word))
    };
    for row in sheet.rows() {
        let credits: Vec<u32> = sheet.cols().filter(|&c| is(row, c, "Credit")).collect();
        if credits.is_empty() {
            continue;
        }
        let mut groups = Vec::new();
        for (i, &c) in credits.iter().enumerate() {
            let end = credits.get(i + 1).copied().unwrap_or(sheet.cols().end);
            let debit = (c + 1..end).find(|&d| is(row, d, "Debit")).ok_or_else(|| {
                sheet.refuse(
                    row,
                    c + 1,
                    "the heading \"Debit\" after \"Credit\"",
                    sheet.get(row, c + 1),
                )
            })?;
            groups.push((c, debit));
        }
        return Ok((row, groups));
    }
    Err(sheet.refuse_sheet("no row of \"Credit\", \"Debit\", \"Net\" column headings"))
}

/// The period heading above each group: the first non-empty cell of the row
/// above the split row within the group's columns (a merged heading keeps
/// its value in its first cell).
fn read_groups(
    sheet: &Sheet<'_>,
    split_row: u32,
    cols: &[(u32, u32)],
    fiscal: FiscalCalendar,
) -> Result<Vec<Group>, Error> {
    let expected = "a period heading such as Feb-26 (P), an Excel date, or Jul-Feb, FY26 (P)";
    let Some(row) = split_row.checked_sub(1) else {
        return Err(sheet.refuse(split_row, cols[0].0, expected, &Data::Empty));
    };
    let mut out: Vec<Group> = Vec::new();
    for (i, &(credit, _)) in cols.iter().enumerate() {
        let end = cols.get(i + 1).map_or(credit + 3, |g| g.0);
        let col = (credit..end)
            .find(|&c| !matches!(sheet.get(row, c), Data::Empty))
            .unwrap_or(credit);
        let d = sheet.get(row, col);
        let (period, marker) =
            period::parse_heading(d, fiscal).map_err(|_| sheet.refuse(row, col, expected, d))?;
        if let Some(g) = out.iter().find(|g| g.period == period) {
            return Err(sheet.refuse(
                row,
                col,
                format!(
                    "each period once; {period} is already the heading at {}",
                    g.cell
                ),
                d,
            ));
        }
        out.push(Group {
            period,
            marker,
            cell: sheet.cell(row, col),
        });
    }
    Ok(out)
}

/// The label column and the row of the `Services` total, the first row of
/// the table.
fn find_services_row(
    sheet: &Sheet<'_>,
    split_row: u32,
    first_value_col: u32,
) -> Result<(u32, u32), Error> {
    for row in split_row + 1..sheet.rows().end {
        for col in sheet.cols().take_while(|&c| c < first_value_col) {
            if sheet
                .text(row, col)
                .is_some_and(|t| t.eq_ignore_ascii_case("Services"))
            {
                return Ok((col, row));
            }
        }
    }
    Err(sheet.refuse_sheet(format!(
        "no row labelled \"Services\" below the headings in row {} and left of column {}",
        split_row + 1,
        a1(0, first_value_col).trim_end_matches('1')
    )))
}

#[cfg(test)]
mod tests;
