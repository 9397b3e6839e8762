/**
 * The fictional organisations of the synthetic region: five ICSs of four trusts each, codes
 * starting with X (no real ODS trust, site or ICB code does), local authorities in an E069…
 * range no real authority uses. Each ICS takes a contiguous run of real 2011 LSOA codes
 * (roughly a few real local authorities) so its IMD 2019 deprivation mix is a real one.
 */
export interface SyntheticIcsPlan {
  icsCode: string;
  icsName: string;
  /** Index of the first LSOA (in code order) of its run in the IMD 2019 file. */
  lsoaStart: number;
  lsoaCount: number;
  /** Four local authorities, one per trust catchment; names are fictional. */
  localAuthorities: string[];
  /** Four trust names; trusts 1–3 also run an urgent treatment centre. */
  trusts: string[];
}

export const regionCode = 'XRG';
export const regionName = 'NHS ENGLAND SYNTHETIC REGION';

export const icsPlans: SyntheticIcsPlan[] = [
  {
    icsCode: 'XQA',
    icsName: 'NHS Northvale Integrated Care Board',
    lsoaStart: 13_400,
    lsoaCount: 740,
    localAuthorities: ['Northvale City', 'Ashby Moor', 'Kelford', 'Rowan Dale'],
    trusts: [
      'Northvale Teaching Hospitals NHS Foundation Trust',
      'Ashby Moor Hospitals NHS Trust',
      'Kelford and District NHS Foundation Trust',
      'Rowan Dale General Hospital NHS Trust',
    ],
  },
  {
    icsCode: 'XQB',
    icsName: 'NHS Eastmere Integrated Care Board',
    lsoaStart: 2_600,
    lsoaCount: 740,
    localAuthorities: ['Eastmere', 'Saltby', 'Fenwick Marsh', 'Orton Vale'],
    trusts: [
      'Eastmere University Hospitals NHS Trust',
      'Saltby General Hospital NHS Foundation Trust',
      'Fenwick Marsh Hospitals NHS Trust',
      'Orton Vale NHS Foundation Trust',
    ],
  },
  {
    icsCode: 'XQC',
    icsName: 'NHS Southdown Integrated Care Board',
    lsoaStart: 22_500,
    lsoaCount: 740,
    localAuthorities: ['Southdown', 'Hallam Cross', 'Brindle Bay', 'Copperfield'],
    trusts: [
      'Southdown Hospitals NHS Foundation Trust',
      'Hallam Cross NHS Trust',
      'Brindle Bay Hospitals NHS Trust',
      'Copperfield General NHS Foundation Trust',
    ],
  },
  {
    icsCode: 'XQD',
    icsName: 'NHS Westbrook Integrated Care Board',
    lsoaStart: 8_200,
    lsoaCount: 740,
    localAuthorities: ['Westbrook', 'Lindenford', 'Tarrow', 'Millbeck'],
    trusts: [
      'Westbrook Royal Infirmary NHS Trust',
      'Lindenford Hospitals NHS Foundation Trust',
      'Tarrow and Millbeck NHS Trust',
      'Greystone Community Hospitals NHS Trust',
    ],
  },
  {
    icsCode: 'XQE',
    icsName: 'NHS Highmoor Integrated Care Board',
    lsoaStart: 28_300,
    lsoaCount: 740,
    localAuthorities: ['Highmoor', 'Calder Rise', 'Wexley', 'Stonebridge'],
    trusts: [
      'Highmoor Teaching Hospitals NHS Trust',
      'Calder Rise NHS Foundation Trust',
      'Wexley General Hospital NHS Trust',
      'Stonebridge Hospitals NHS Foundation Trust',
    ],
  },
];

/** Trust code of trust `t` (0–3) in ICS `i` (0–4): XA1 … XE4. */
export const trustCode = (i: number, t: number): string => `X${'ABCDE'[i]}${t + 1}`;
/** Local authority code of LA `t` in ICS `i`. */
export const laCode = (i: number, t: number): string => `E0699${i + 1}0${t + 1}`;
/** Trusts 1–3 of each ICS run an urgent treatment centre beside their ED. */
export const hasUtc = (t: number): boolean => t < 3;
