/**
 * Seeded pseudo-random numbers for the generator. Same seed → same sequence on every platform (only 32-bit
 * integer arithmetic and IEEE doubles), so the default dataset is byte-identical from one build to the next.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, passes PractRand, 128-bit state.
 */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	uniform(min: number, max: number): number;
	/** Integer in [min, max], both included. */
	int(min: number, max: number): number;
	normal(mean?: number, sd?: number): number;
	bernoulli(p: number): boolean;
	poisson(lambda: number): number;
	/** Index drawn with probability proportional to weights[i]. */
	choiceIndex(weights: readonly number[]): number;
	/** Item drawn with probability proportional to its weight. */
	choice<T>(items: readonly T[], weights: readonly number[]): T;
}

/** 32-bit hash of a list of parts (strings or numbers): independent streams per commune, year and purpose. */
export function seedFrom(...parts: readonly (string | number)[]): number {
	// FNV-1a over the joined text, then a murmur3 finaliser to spread the bits.
	let h = 0x811c9dc5;
	const text = parts.join('\u0001');
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

export function createRng(seed: number): Rng {
	let a = 0x9e3779b9;
	let b = 0x243f6a88;
	let c = 0xb7e15162;
	let d = seed >>> 0;
	const raw = (): number => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// Warm-up: the first outputs of a counting generator still show the seed.
	for (let i = 0; i < 15; i++) raw();

	const rng: Rng = {
		next: raw,
		uniform: (min, max) => min + (max - min) * raw(),
		int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
		normal: (mean = 0, sd = 1) => {
			// Box–Muller, one value per call (simpler state, still deterministic).
			const u = 1 - raw();
			const v = raw();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		bernoulli: (p) => raw() < p,
		poisson: (lambda) => {
			// Knuth's product method: lambdas here are small (children per family).
			const limit = Math.exp(-lambda);
			let k = 0;
			let p = raw();
			while (p > limit) {
				k++;
				p *= raw();
			}
			return k;
		},
		choiceIndex: (weights) => {
			let total = 0;
			for (const w of weights) total += w;
			let r = raw() * total;
			for (let i = 0; i < weights.length; i++) {
				r -= weights[i];
				if (r < 0) return i;
			}
			// Rounding left r ≥ 0: return the last item with a positive weight.
			for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
			return weights.length - 1;
		},
		choice: (items, weights) => items[rng.choiceIndex(weights)]
	};
	return rng;
}

export function clamp(x: number, min: number, max: number): number {
	return x < min ? min : x > max ? max : x;
}

/** Round to the cent, as every amount is published (DESIGN.md §5: comparisons in cents). */
export function cents(x: number): number {
	const r = Math.round(x * 100) / 100;
	return r === 0 ? 0 : r;
}
