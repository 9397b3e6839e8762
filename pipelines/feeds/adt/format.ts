/**
 * The ADT feed: HL7 v2.4 messages, segments separated by CR (LF and CRLF tolerated),
 * files of messages in event order (`data/inbox/adt/<site>-<YYYYMMDDTHH>.hl7`); MLLP framing
 * (0x0B … 0x1C 0x0D) on the listener, and tolerated in files.
 *
 * Events: A01 admit, A02 transfer, A03 discharge, A08 update (no move), A11 cancel admit,
 * A12 cancel transfer, A13 cancel discharge. Segments and fields used (NHS-DATA.md):
 *   MSH-4 sending facility (site ODS code), MSH-7 message time (YYYYMMDDHHMMSS±ZZZZ),
 *   MSH-9 ADT^A01, MSH-10 control id (idempotency key), MSH-12 2.4
 *   EVN-1 event type, EVN-6 event occurred (fallback MSH-7)
 *   PID-3 `9999999999^^^NHS^NH`, PID-7 date of birth (YYYYMMDD), PID-8 sex (M/F/U)
 *   PV1-2 patient class (I/O/E), PV1-3 `ward^room^bed^facility`, PV1-6 prior location,
 *   PV1-19 visit number (the spell key), PV1-44 admit time, PV1-45 discharge time.
 * Times carry their UTC offset.
 */
export const adtEvents = ['A01', 'A02', 'A03', 'A08', 'A11', 'A12', 'A13'] as const;
export type AdtEvent = (typeof adtEvents)[number];
