//! An html5gum emitter that keeps only what the link checker reads: start tags with
//! their attributes (and where they are), end tags, and the text of `<script>` and
//! `<style>` elements. It skips html5gum's per-byte error validation and the token
//! maps of the default emitter, which made tokenizing most of the checker's cost.

use std::collections::VecDeque;

use html5gum::{Emitter, Error, State, naive_next_state};

#[derive(Debug)]
pub struct Attr {
    pub name: Vec<u8>,
    pub value: Vec<u8>,
    /// Byte offset where the value starts (the tag's start when it has none).
    pub pos: usize,
}

#[derive(Debug)]
pub enum Tok {
    Start {
        name: Vec<u8>,
        attrs: Vec<Attr>,
        /// Byte offset of the `<`.
        pos: usize,
    },
    End,
    /// The text inside `<script>` or `<style>`.
    Text(Vec<u8>),
}

impl Tok {
    /// The first value of attribute `name` (later duplicates are ignored, as in HTML).
    pub fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a Attr> {
        attrs.iter().find(|a| a.name == name.as_bytes())
    }
}

#[derive(Debug, Default)]
pub struct LinkEmitter {
    queue: VecDeque<Tok>,
    /// The reader's position, kept from `move_position`.
    pos: isize,
    tag_pos: usize,
    name: Vec<u8>,
    is_end: bool,
    attrs: Vec<Attr>,
    last_start: Vec<u8>,
    text: Vec<u8>,
    /// Inside `<script>` or `<style>`: their text is kept.
    capture: bool,
}

impl LinkEmitter {
    fn here(&self) -> usize {
        self.pos.max(0) as usize
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.queue
                .push_back(Tok::Text(std::mem::take(&mut self.text)));
        }
    }
}

impl Emitter for LinkEmitter {
    type Token = Tok;

    fn move_position(&mut self, offset: isize) {
        self.pos += offset;
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_error(&mut self, _: Error) {}

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start.extend(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn pop_token(&mut self) -> Option<Tok> {
        self.queue.pop_front()
    }

    fn emit_string(&mut self, s: &[u8]) {
        if self.capture {
            self.text.extend_from_slice(s);
        }
    }

    fn start_open_tag(&mut self) {
        self.tag_pos = self.here().saturating_sub(1);
    }

    fn init_start_tag(&mut self) {
        self.name.clear();
        self.attrs.clear();
        self.is_end = false;
    }

    fn init_end_tag(&mut self) {
        self.name.clear();
        self.attrs.clear();
        self.is_end = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.extend_from_slice(s);
    }

    fn init_attribute(&mut self) {
        self.attrs.push(Attr {
            name: Vec::new(),
            value: Vec::new(),
            pos: self.tag_pos,
        });
    }

    fn init_attribute_value(&mut self) {
        let here = self.here();
        if let Some(a) = self.attrs.last_mut() {
            a.pos = here;
        }
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        if let Some(a) = self.attrs.last_mut() {
            a.name.extend_from_slice(s);
        }
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if let Some(a) = self.attrs.last_mut() {
            a.value.extend_from_slice(s);
        }
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        if self.is_end {
            self.last_start.clear();
            self.capture = false;
            self.queue.push_back(Tok::End);
            return None;
        }
        self.last_start.clear();
        self.last_start.extend_from_slice(&self.name);
        self.capture = matches!(self.name.as_slice(), b"script" | b"style");
        self.queue.push_back(Tok::Start {
            name: std::mem::take(&mut self.name),
            attrs: std::mem::take(&mut self.attrs),
            pos: self.tag_pos,
        });
        naive_next_state(&self.last_start)
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.is_end && !self.last_start.is_empty() && self.last_start == self.name
    }

    // Comments and doctypes carry no links.
    fn init_comment(&mut self) {}
    fn emit_current_comment(&mut self) {}
    fn emit_current_doctype(&mut self) {}
    fn set_self_closing(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_comment(&mut self, _: &[u8]) {}
    fn push_doctype_name(&mut self, _: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}
}
