//! Reading QR codes from a camera frame with `rqrr` (a maintained pure-Rust decoder, quirc's algorithm: no
//! image crate, no C, small in wasm). Pure: pixels in, texts out; the page owns the camera and the timing.

/// Frames are scaled to at most this width before decoding: a group's code held up to a laptop camera
/// still spans well over 100 pixels at this size, and one decode stays under the page's 50 ms budget
/// (480 px took up to 67 ms on a cold first frame in headless Chromium on 2 cores; see the workshop e2e).
/// The largest mix a group can send still reads at this size (`largest_mix`).
pub const FRAME_WIDTH: u32 = 400;

/// The texts of the QR codes readable in an RGBA frame of `width` × `height` pixels (a canvas's
/// `ImageData`). A frame of the wrong size or with no code gives nothing.
pub fn read_rgba(width: usize, height: usize, rgba: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || rgba.len() != width * height * 4 {
        return Vec::new();
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let i = 4 * (y * width + x);
        // Luma (ITU-R BT.601 weights), in whole numbers.
        ((u32::from(rgba[i]) * 299 + u32::from(rgba[i + 1]) * 587 + u32::from(rgba[i + 2]) * 114) / 1000) as u8
    });
    img.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as a QR code drawn `scale` pixels a module, with a quiet zone, on a white `w` × `h` RGBA frame.
    pub(super) fn frame(text: &str, scale: usize, w: usize, h: usize) -> Vec<u8> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).expect("fits");
        let n = code.width();
        let colors = code.to_colors();
        let mut rgba = vec![255u8; w * h * 4];
        let (x0, y0) = ((w - n * scale) / 2, (h - n * scale) / 2);
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (mx, my) = (i % n, i / n);
                for y in y0 + my * scale..y0 + (my + 1) * scale {
                    for x in x0 + mx * scale..x0 + (mx + 1) * scale {
                        rgba[4 * (y * w + x)..4 * (y * w + x) + 3].fill(0);
                    }
                }
            }
        }
        rgba
    }

    #[test]
    fn a_group_code_in_a_frame_reads_back_exactly() {
        let text =
            "http://192.168.43.1:8080/#g=1.AVIArf97IndvcmtzaG9wIjoiMDAwNjkzMDIzYWMzNzVmZiIsIm5hbWUiOiJLZWxvbXBvayBBIn0";
        let (w, h) = (480, 360);
        assert_eq!(read_rgba(w, h, &frame(text, 4, w, h)), vec![text.to_string()]);
    }

    #[test]
    fn a_frame_without_a_code_or_of_the_wrong_size_reads_nothing() {
        assert!(read_rgba(64, 48, &vec![255; 64 * 48 * 4]).is_empty());
        // Noise (a fixed pattern, not a code).
        let noise: Vec<u8> = (0..64 * 48 * 4).map(|i: usize| (i.wrapping_mul(2_654_435_761) >> 7) as u8).collect();
        assert!(read_rgba(64, 48, &noise).is_empty());
        assert!(read_rgba(64, 48, &[0; 10]).is_empty());
        assert!(read_rgba(0, 0, &[]).is_empty());
    }
}

/// The largest mix a group can send, drawn as its QR code, still reads from one camera frame.
#[cfg(test)]
mod largest_mix {
    use super::*;
    use crate::workshop::{offerable, Reply, MAX_NAME};
    use entas_model::{levers::spec, LeverId};

    #[test]
    fn every_offerable_lever_moved_with_the_longest_name_fits_one_readable_qr_code() {
        // Every lever a workshop can offer, each at a value with all 17 digits (a typed number is shorter),
        // and the longest name in two-byte letters.
        let levers = LeverId::ALL
            .iter()
            .copied()
            .filter(|id| offerable(*id))
            .map(|id| {
                let s = spec(id);
                let v = if matches!(s.unit, entas_model::levers::Unit::Toggle | entas_model::levers::Unit::YearOffset) {
                    s.max
                } else {
                    s.min + (s.max - s.min) / 3.0
                };
                (id, v)
            })
            .collect();
        let reply = Reply { workshop: "0123456789abcdef".into(), name: "é".repeat(MAX_NAME), levers };
        let url = format!("http://192.168.100.100:8080/#g={}", reply.code());
        let code =
            qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::L).expect("fits a QR code");
        let modules = code.width();
        // Filling 250 px of a 400 × 300 frame (the camera's frame after scaling): whole pixels per module.
        let scale = 250 / (modules + 8);
        println!(
            "largest mix: {} levers, {} characters, QR version {:?}, {modules} modules, {scale} px per module",
            reply.levers.len(),
            url.len(),
            code.version()
        );
        assert!(scale >= 2, "{modules} modules leave {scale} px per module");
        let (w, h) = (FRAME_WIDTH as usize, 300);
        assert_eq!(read_rgba(w, h, &tests::frame(&url, scale, w, h)), vec![url]);
    }
}
