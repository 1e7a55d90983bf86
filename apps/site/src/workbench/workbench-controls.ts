// The workbench's controls: Check, Reset to starter, the model selector (the
// exercise's models together, which is the grade, or one of them alone) and,
// for an exercise with TLB flushes, which flush the machine has. Anything
// other than the exercise's own settings is a try, not the grade.
import { element } from './create-element.ts';
import type { ExerciseView, FlushFlavour, ModelName } from './exercise-view.ts';

/** What the Check and Reset buttons do. */
export interface ControlActions {
  readonly check: () => void;
  readonly reset: () => void;
  /** Puts the exact state in a link (a Share button when given). */
  readonly share?: () => void;
}

const flushWords: Readonly<Record<FlushFlavour, string>> = {
  ipi: 'IPI, waits for every CPU',
  broadcast: 'broadcast, waits for nobody',
};

/** The buttons and settings of one workbench; the settings say whether a check is the grade. */
export class WorkbenchControls {
  readonly root: HTMLElement;
  private readonly checkButton: HTMLButtonElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly shareButton: HTMLButtonElement | undefined;
  private readonly modelSelect: HTMLSelectElement | undefined;
  private readonly flushSelect: HTMLSelectElement | undefined;

  constructor(view: ExerciseView, actions: ControlActions) {
    const id = `wb-${view.id}`;
    this.checkButton = element('button', { type: 'button', class: 'wb-button wb-check', disabled: true, onclick: actions.check }, 'Check');
    this.resetButton = element('button', { type: 'button', class: 'wb-button', disabled: true, onclick: actions.reset }, 'Reset to starter');
    if (actions.share) this.shareButton = element('button', { type: 'button', class: 'wb-button wb-share-button', disabled: true, onclick: actions.share }, 'Share');
    if (view.models.length > 1 && view.kind !== 'predict') {
      this.modelSelect = element('select', { id: `${id}-model`, class: 'wb-select' },
        element('option', { value: '' }, `${view.models.join(' and ')} (the grade)`),
        ...view.models.map((m) => element('option', { value: m }, `${m} only`)));
    }
    if (view.flush && view.kind !== 'predict') {
      const other: FlushFlavour = view.flush === 'ipi' ? 'broadcast' : 'ipi';
      this.flushSelect = element('select', { id: `${id}-flush`, class: 'wb-select' },
        element('option', { value: '' }, `${flushWords[view.flush]} (the exercise's)`),
        element('option', { value: other }, flushWords[other]));
    }
    const settings = [
      this.modelSelect ? element('label', { for: this.modelSelect.id, class: 'wb-setting' }, 'Models ', this.modelSelect) : null,
      this.flushSelect ? element('label', { for: this.flushSelect.id, class: 'wb-setting' }, 'TLB flushes ', this.flushSelect) : null,
    ];
    this.root = element('div', { class: 'wb-controls' },
      element('div', { class: 'wb-actions' }, this.checkButton, this.resetButton, this.shareButton),
      settings.some(Boolean) ? element('div', { class: 'wb-settings' }, ...settings) : null);
  }

  /** Turns the buttons on once the editor is ready. */
  enable(): void {
    this.checkButton.disabled = false;
    this.resetButton.disabled = false;
    if (this.shareButton) this.shareButton.disabled = false;
  }

  /** Sets the model selector and the flush toggle (a share link's settings); a value the exercise does not offer is ignored. */
  setSettings(models: readonly ModelName[] | undefined, flush: FlushFlavour | undefined): void {
    const select = (control: HTMLSelectElement | undefined, value: string) => {
      if (control && [...control.options].some((o) => o.value === value)) control.value = value;
    };
    select(this.modelSelect, models?.length === 1 ? models[0]! : '');
    select(this.flushSelect, flush ?? '');
  }

  /** The models to check under, when narrowed to one (undefined: the exercise's own). */
  get models(): readonly ModelName[] | undefined {
    const value = this.modelSelect?.value;
    return value ? [value as ModelName] : undefined;
  }

  /** The flush flavour, when changed (undefined: the exercise's own). */
  get flush(): FlushFlavour | undefined {
    const value = this.flushSelect?.value;
    return value ? (value as FlushFlavour) : undefined;
  }

  /** Whether a check now is the grade (the exercise's own models and flush). */
  get isGraded(): boolean {
    return this.models === undefined && this.flush === undefined;
  }

  /** What a try changes, for the result's words. */
  get tryLabel(): string {
    const parts = [
      this.models ? `under ${this.models.join(', ')} only` : '',
      this.flush ? `with ${this.flush} TLB flushes` : '',
    ].filter(Boolean);
    return parts.join(' and ');
  }
}
