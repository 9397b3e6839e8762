/**
 * The ADT feed: HL7 v2.4 messages, segments separated by CR (LF and CRLF tolerated),
 * files of messages in event order (`data/inbox/adt/<site>-<YYYYMMDDTHH>.hl7`); MLLP framing
 * (0x0B … 0x1C 0x0D) on the listener, and tolerated in files.
 *
 * Events: A01 admit, A02 transfer, A03 discharge, A08 update (no move), A11 cancel admit,
 * A12 cancel transfer, A13 cancel discharge. Segments and fields used (docs/nhs-data.md, HL7 v2 ADT):
 *   MSH-4 sending facility (site ODS code), MSH-7 message time (YYYYMMDDHHMMSS±ZZZZ),
 *   MSH-9 ADT^A01, MSH-10 control id (idempotency key), MSH-12 2.4
 *   EVN-1 event type, EVN-6 event occurred (fallback MSH-7)
 *   PID-3 `9999999999^^^NHS^NH`, PID-7 date of birth (YYYYMMDD), PID-8 sex (M/F/U)
 *   PV1-2 patient class (I/O/E), PV1-3 `ward^room^bed^facility`, PV1-6 prior location,
 *   PV1-19 visit number (the spell key), PV1-44 admit time, PV1-45 discharge time.
 * Times carry their UTC offset.
 *
 * How the loader reads it (parse-adt-message.ts, adt-feed.ts):
 * - Delimiters come from MSH-1/MSH-2 (default `|^~\&`); escape sequences \F\ \S\ \T\ \R\ \E\
 *   and \Xhh\ are decoded after splitting. Batch envelopes (FHS/BHS/BTS/FTS) are ignored.
 * - Timestamps `YYYYMMDDHHMM[SS[.S]][±ZZZZ]` become UTC; one without an offset is taken as
 *   Europe/London local time (the first instant in the repeated autumn hour).
 * - PID-3 repetitions: the one with assigning authority NHS or identifier type NH is the NHS
 *   number; it must pass modulus 11, and only its HMAC-SHA256 pseudonym is stored. A message
 *   with no NHS identifier is loaded with patient_id NULL.
 * - MSH-9.2 gives the event (EVN-1 when MSH-9 has none). A01 and A02 need PV1-3.1 (ward).
 *   MSH-4 must be a site in `org`; PV1-3.1 and PV1-6.1, when given, wards of that site.
 * - Rejects are quarantined with a code from reasons.ts; line_number is the message's
 *   position in the file (text outside any message counts as one entry, `not_hl7`).
 * - The spell (PV1-19) state is recomputed from all its events ordered by (EVN-6, MSH-7,
 *   MSH-10), so arrival order does not matter (derive-spell.ts says how each event applies).
 */
export const adtEvents = ['A01', 'A02', 'A03', 'A08', 'A11', 'A12', 'A13'] as const;
export type AdtEvent = (typeof adtEvents)[number];
