//! The shipped SBP workbook as a grid of cells, and back to `.xlsx`: for
//! tests that serve or import faithfully modified copies of a real release.

#![allow(clippy::unwrap_used)]

use calamine::{Data, Reader as _};

/// The shipped workbook's bytes.
pub const WORKBOOK: &[u8] =
    include_bytes!("../../../../data/sbp/trade-in-services-ebops-jul-feb-fy26.xls");

/// The workbook's `EBOPS ` sheet as rows of cells, from A1.
pub fn grid() -> Vec<Vec<Data>> {
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(WORKBOOK.to_vec())).unwrap();
    let range = book.worksheet_range("EBOPS ").unwrap();
    let (r0, c0) = range.start().unwrap();
    let mut g = vec![vec![Data::Empty; c0 as usize + range.width()]; r0 as usize + range.height()];
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            g[r0 as usize + r][c0 as usize + c] = d.clone();
        }
    }
    g
}

/// The position of the first text cell for which `pred` holds.
pub fn find(grid: &[Vec<Data>], pred: impl Fn(&str) -> bool) -> (usize, usize) {
    for (r, row) in grid.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            if matches!(d, Data::String(s) if pred(s)) {
                return (r, c);
            }
        }
    }
    panic!("no such cell in the fixture")
}

/// A grid written as an `.xlsx` workbook with one sheet, `EBOPS `.
pub fn xlsx(grid: &[Vec<Data>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("EBOPS ").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("mmm-yy");
    for (r, row) in grid.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
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
