import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo as capture } from '../cli/capture-io.ts';
import { main } from '../cli/main.ts';


const gup = `C gup
// @flush ipi
{
	pte=1;
}
P0(int *pte, atomic_t *refcount)
{
	int r0;
	r0 = ptep_clear_flush(pte);
	r0 = page_maybe_dma_pinned(refcount);
}
P1(int *pte, atomic_t *refcount)
{
	unsigned long irq;
	int r0;
	local_irq_save(irq);
	try_grab_folio(refcount);
	r0 = ptep_get_lockless(pte);
	local_irq_restore(irq);
}
exists (0:r0=0 /\\ 1:r0=1)
`;

describe('barrier-lab export and --explain', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'barrier-lab-export-'));
    await writeFile(join(dir, 'gup.litmus'), gup);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes herd7 C with the builtins expanded', async () => {
    const io = capture();
    expect(await main(['export', join(dir, 'gup.litmus')], io)).toBe(0);
    expect(io.stdout).toContain('r0 = READ_ONCE(*pte);\n\tWRITE_ONCE(*pte, 0);\n\tsynchronize_rcu();');
    expect(io.stdout).toContain('rcu_read_lock();');
    expect(io.stdout).toContain('atomic_add(1024, refcount);');
    expect(io.stdout).not.toMatch(/try_grab_folio|local_irq_save|unsigned long/);
  });

  it('honours --flush broadcast and -o', async () => {
    const io = capture();
    const out = join(dir, 'out.litmus');
    expect(await main(['export', '--flush', 'broadcast', '-o', out, join(dir, 'gup.litmus')], io)).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).not.toContain('synchronize_rcu');
    expect(text).toContain('WRITE_ONCE(*pte, 0);\n\tsmp_mb();');
    expect(io.stdout).toBe('');
  });

  it('honours --arch x86: the builtins as x86 has them, the program behind --model tso', async () => {
    const io = capture();
    expect(await main(['export', '--arch', 'x86', join(dir, 'gup.litmus')], io)).toBe(0);
    expect(io.stdout).toContain('r0 = xchg(pte, 0);\n\tsynchronize_rcu();');
    expect(io.stdout).toContain('as x86 implements them');
    const bad = capture();
    expect(await main(['export', '--arch', 'arm64', join(dir, 'gup.litmus')], bad)).toBe(2);
    expect(bad.stderr).toContain("unknown implementation 'arm64' (choose generic or x86)");
  });

  it('gives the same verdict on the export as on the original', async () => {
    const exported = capture();
    await main(['export', '--flush', 'broadcast', join(dir, 'gup.litmus')], exported);
    await writeFile(join(dir, 'exported.litmus'), exported.stdout);
    const a = capture();
    const b = capture();
    await main(['litmus', '--flush', 'broadcast', join(dir, 'gup.litmus')], a);
    await main(['litmus', join(dir, 'exported.litmus')], b);
    // The export is another text, so herd7's Hash line differs by design: compare the rest.
    const strip = (s: string) => s.split('\n').filter((l) => !l.startsWith('Time ') && !l.startsWith('Hash=')).join('\n');
    expect(strip(b.stdout)).toBe(strip(a.stdout));
    expect(a.stdout).toContain('Observation gup Sometimes');
  });

  it('explains a Sometimes with a timeline and a repair, and a Never with the reason', async () => {
    const sometimes = capture();
    await main(['litmus', '--explain', '--flush', 'broadcast', join(dir, 'gup.litmus')], sometimes);
    expect(sometimes.stdout).toContain('Counterexample');
    expect(sometimes.stdout).toMatch(/read 0, the initial value/);
    expect(sometimes.stdout).toMatch(/Repair: .*smp_mb/);
    const never = capture();
    await main(['litmus', '--explain', join(dir, 'gup.litmus')], never);
    expect(never.stdout).toContain('Observation gup Never');
    expect(never.stdout).toContain('Why: ');
  });

  it('rejects a bad flush flavour and a missing file', async () => {
    const io = capture();
    expect(await main(['export', '--flush', 'lazy', join(dir, 'gup.litmus')], io)).toBe(2);
    expect(io.stderr).toContain("unknown flush flavour 'lazy'");
    const io2 = capture();
    expect(await main(['export', join(dir, 'none.litmus')], io2)).toBe(1);
    expect(io2.stderr).toBe(`${join(dir, 'none.litmus')}: error: no such file or folder [file/not-found]\n`);
  });

  it('says in one line when it cannot write the output', async () => {
    const io = capture();
    const output = join(dir, 'no-such-folder', 'out.litmus');
    expect(await main(['export', '-o', output, join(dir, 'gup.litmus')], io)).toBe(1);
    expect(io.stderr).toBe(`${output}: error: cannot write it: its folder does not exist [file/not-found]\n`);
  });
});
