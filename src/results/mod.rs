//! Election results: meetings, elections, bodies, people; the rules they must satisfy.

pub mod strokes;
