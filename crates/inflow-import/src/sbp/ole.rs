//! The OLE compound file (`.xls` container) checked before calamine reads it.
//!
//! calamine (0.31) trusts the container's sector numbers: one damaged FAT
//! entry makes it grow a buffer to the sector's offset (gigabytes, and the
//! process aborts: no `catch_unwind` can turn that into an error), and a
//! chain that loops makes it read forever. Found by the workbook fuzz target
//! (`crates/inflow-fuzz`). So every chain calamine will follow is walked
//! here first, on the bytes alone: each sector inside the file, each chain
//! ending, each stream no longer than the file. A file that passes holds no
//! sector number calamine could read out of bounds.

const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

struct Container<'a> {
    /// The sectors after the header, sector 0 first.
    body: &'a [u8],
    size: usize,
    count: usize,
}

impl Container<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], String> {
        let i = id as usize;
        if i >= self.count {
            return Err(format!(
                "sector {id} is beyond the file's {} sectors",
                self.count
            ));
        }
        Ok(&self.body[i * self.size..(i + 1) * self.size])
    }
}

/// Follows a chain as calamine does (`next = fat[id]` until ENDOFCHAIN) and
/// returns its sectors; refuses an id outside the file or the table, and a
/// loop.
fn chain(start: u32, fat: &[u32], limit: usize, what: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN {
        if id as usize >= limit || id as usize >= fat.len() {
            return Err(format!("{what}: sector {id} is outside the file"));
        }
        if out.len() >= limit {
            return Err(format!("{what}: its chain of sectors loops"));
        }
        out.push(id);
        id = fat[id as usize];
    }
    Ok(out)
}

/// Checks the container of an `.xls` whose first bytes are the OLE magic.
///
/// # Errors
/// A short reason naming the part of the container that is damaged.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let header = bytes.get(..512).ok_or("shorter than an OLE header")?;
    let size = match u16::from_le_bytes([header[30], header[31]]) {
        9 => 512,
        12 => 4096,
        s => return Err(format!("sector shift {s} (expected 9 or 12)")),
    };
    let body = bytes.get(size..).ok_or("shorter than its first sector")?;
    let c = Container {
        body,
        size,
        count: body.len() / size,
    };
    // Header counts calamine reserves memory by before reading anything:
    // sectors (directory, FAT, mini FAT) no more than the file has, and the
    // count it reads from bytes 62..66 (a mix of two fields) at most a
    // million entries.
    for (at, what) in [(40, "directory"), (44, "FAT"), (64, "mini FAT")] {
        if u32_at(header, at) as usize > c.count {
            return Err(format!(
                "the header's count of {what} sectors exceeds the file"
            ));
        }
    }
    if u32_at(header, 62) > 1 << 20 {
        return Err("the header's DIFAT count is impossible".into());
    }

    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors
    // whose last entry names the next.
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut next = u32_at(header, 68);
    let mut hops = 0;
    while next < RESERVED {
        hops += 1;
        if hops > c.count {
            return Err("the DIFAT chain loops".into());
        }
        difat.extend(u32s(c.sector(next)?));
        next = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(u32s(c.sector(id)?));
    }

    let dir_sectors = chain(u32_at(header, 48), &fat, c.count, "the directory")?;
    let mut dirs = Vec::new();
    for id in &dir_sectors {
        dirs.extend(c.sector(*id)?.chunks_exact(128).map(<[u8]>::to_vec));
    }
    let root = dirs.first().ok_or("no directory")?;
    let entry_len = |e: &[u8]| -> usize {
        if size == 512 {
            u32_at(e, 120) as usize
        } else {
            let lo = u64::from(u32_at(e, 120));
            let hi = u64::from(u32_at(e, 124));
            usize::try_from(lo | hi << 32).unwrap_or(usize::MAX)
        }
    };
    let file_len = c.count * size;

    let mut mini_fat = Vec::new();
    let mut mini_len = 0;
    if u32_at(header, 64) > 0 {
        let len = entry_len(root);
        if len > file_len {
            return Err("the mini stream is longer than the file".into());
        }
        let sectors = chain(u32_at(root, 116), &fat, c.count, "the mini stream")?;
        mini_len = len.min(sectors.len() * size);
        for id in chain(u32_at(header, 60), &fat, c.count, "the mini FAT")? {
            mini_fat.extend(u32s(c.sector(id)?));
        }
    }
    let mini_count = mini_len / MINI_SECTOR;

    for e in dirs.iter().skip(1) {
        let units: Vec<u16> = e[..64]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        let name = String::from_utf16_lossy(&units);
        let name = name.split('\0').next().unwrap_or_default();
        if name == "_VBA_PROJECT_CUR" {
            // calamine would read the macros' streams, named inside them;
            // SBP's tables carry none, and the reader needs none.
            return Err("it holds a macro project (_VBA_PROJECT_CUR)".into());
        }
        // calamine finds streams by name only, whatever the entry's type.
        if name.is_empty() {
            continue;
        }
        let len = entry_len(e);
        let what = format!("stream {name:?}");
        if len < MINI_CUTOFF {
            if len > mini_len {
                return Err(format!("{what} is longer than the mini stream"));
            }
            if !mini_fat.is_empty() || len > 0 {
                chain(u32_at(e, 116), &mini_fat, mini_count, &what)?;
            }
        } else {
            if len > file_len {
                return Err(format!("{what} is longer than the file"));
            }
            chain(u32_at(e, 116), &fat, c.count, &what)?;
        }
    }
    Ok(())
}
