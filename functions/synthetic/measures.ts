// Item scores for one client's episode (SPEC §4: counts and ranges only, never item wording).
// Alliance (WAI-SR, SRS) rises with the client's alliance tendency and collaborative goals;
// ORS starts in the clinical range and improves along a saturating curve.
import type { ClientTraits } from './client-traits.js';
import type { Random } from './random.js';

const clamp = (x: number, min: number, max: number) => Math.min(Math.max(x, min), max);
const oneDecimal = (x: number) => Math.round(clamp(x, 0, 10) * 10) / 10;

export class EpisodeMeasures {
  private readonly alliance: number;
  private readonly orsStart: number[];
  private readonly orsGain: number;

  constructor(
    private readonly rng: Random,
    traits: ClientTraits,
    collaborativeShare: number,
  ) {
    this.alliance = traits.allianceZ + 0.5 * collaborativeShare;
    // Intake ORS averages about 20 (below the adult cutoff of 25), as in outpatient SUD samples.
    const start = rng.normal(5 + 0.4 * traits.prognosis, 1.1);
    this.orsStart = [0, 1, 2, 3].map(() => start + rng.normal(0, 0.7));
    this.orsGain = rng.normal(1.3 + 0.5 * traits.prognosis + 0.6 * collaborativeShare, 1);
  }

  /** WAI-SR: 12 items, whole numbers 1–5. */
  waiSr(): number[] {
    return Array.from({ length: 12 }, () => Math.round(clamp(3.7 + 0.55 * this.alliance + this.rng.normal(0, 0.7), 1, 5)));
  }

  /** SRS: 4 items, 0–10 with one decimal; alliance ratings creep up over sessions. */
  srs(visit: number): number[] {
    const mean = 9.1 + 0.6 * this.alliance + Math.min(visit, 10) * 0.02;
    return Array.from({ length: 4 }, () => oneDecimal(mean + this.rng.normal(0, 0.5)));
  }

  /** ORS: 4 items, 0–10 with one decimal. */
  ors(visit: number): number[] {
    const progress = this.orsGain * (1 - Math.exp(-(visit - 1) / 6));
    return this.orsStart.map((start) => oneDecimal(start + progress + this.rng.normal(0, 0.5)));
  }
}
