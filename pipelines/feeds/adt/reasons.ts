/**
 * Why an ADT message was quarantined (or answered AE/AR on the MLLP listener).
 * `ack` is the HL7 acknowledgement code the listener sends for it: AR when the message
 * itself cannot be processed (not HL7, wrong type, no control id), AE when it is HL7 but
 * its content is wrong.
 */
export const adtReasons = {
  not_hl7: { ack: 'AR', text: 'not an HL7 v2 message: it does not start with an MSH segment' },
  missing_segment: { ack: 'AR', text: 'a required segment (MSH, PID or PV1) is missing' },
  unsupported_event: {
    ack: 'AR',
    text: 'not an ADT event this feed applies (A01, A02, A03, A08, A11, A12, A13)',
  },
  missing_control_id: { ack: 'AR', text: 'MSH-10 message control id is empty' },
  invalid_timestamp: {
    ack: 'AE',
    text: 'a date-time is not a valid HL7 timestamp YYYYMMDDHHMM[SS][±ZZZZ]',
  },
  nhs_number_format: { ack: 'AE', text: 'the NHS number in PID-3 is not 10 digits' },
  nhs_number_checksum: {
    ack: 'AE',
    text: 'the NHS number in PID-3 fails the modulus 11 check digit',
  },
  missing_visit_number: { ack: 'AE', text: 'PV1-19 visit number (the spell key) is empty' },
  missing_location: {
    ack: 'AE',
    text: 'PV1-3 assigned location has no ward for an admit or transfer',
  },
  unknown_facility: { ack: 'AE', text: 'MSH-4 sending facility is not a site in the org table' },
  unknown_ward: { ack: 'AE', text: 'the ward is not in the ward table for the sending site' },
} as const;

export type AdtReasonCode = keyof typeof adtReasons;

/** A message the feed will not apply, with the reason code and a specific detail. */
export interface AdtReject {
  reason_code: AdtReasonCode;
  detail: string;
}
