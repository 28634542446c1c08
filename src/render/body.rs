//! A file's bytes as rendering makes them: in pieces, so that a large
//! file is neither copied into one buffer nor grown by copying.

/// A file's bytes as pieces, in order: a whole document's sections stay the
/// strings they were written into, not copied into one buffer (see
/// [`super::splice`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Body(Vec<Vec<u8>>);

impl Body {
    /// The bytes of `pieces`, in order.
    pub(crate) fn of_pieces(pieces: Vec<Vec<u8>>) -> Body {
        Body(pieces)
    }

    /// How many bytes the file has.
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// The pieces, in order.
    pub(crate) fn pieces(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(Vec::as_slice)
    }

    /// Whether the file's bytes are `bytes`.
    pub(crate) fn is(&self, bytes: &[u8]) -> bool {
        let mut rest = bytes;
        for piece in self.pieces() {
            match rest.strip_prefix(piece) {
                Some(after) => rest = after,
                None => return false,
            }
        }
        rest.is_empty()
    }

    /// The bytes in one buffer.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        let mut pieces = self.0.into_iter();
        let mut bytes = pieces.next().unwrap_or_default();
        for piece in pieces {
            bytes.extend_from_slice(&piece);
        }
        bytes
    }
}

/// Writes a [`Body`] in pieces of [`PieceWriter::PIECE`] bytes: a large
/// file made by a serializer grows by new pieces, never by copying what it
/// has into a buffer twice the size.
#[derive(Default)]
pub(crate) struct PieceWriter {
    pieces: Vec<Vec<u8>>,
}

impl PieceWriter {
    const PIECE: usize = 1 << 20;

    /// Append `bytes`.
    pub(crate) fn push(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let last = match self.pieces.last_mut() {
                Some(last) if last.len() < Self::PIECE => last,
                _ => {
                    self.pieces.push(Vec::with_capacity(Self::PIECE));
                    self.pieces.last_mut().expect("just pushed")
                }
            };
            let room = Self::PIECE - last.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            last.extend_from_slice(now);
            bytes = later;
        }
    }

    /// What was written; its last piece's unused room is given back.
    pub(crate) fn into_body(mut self) -> Body {
        if let Some(last) = self.pieces.last_mut() {
            last.shrink_to_fit();
        }
        Body(self.pieces)
    }
}

impl std::io::Write for PieceWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body(vec![bytes])
    }
}
