'use client';

import { useEffect, useId, useState } from 'react';

import type { TimelineFilterOption, TimelineSearchField } from '@/db/queries/companies';

import { searchTimelineFilterAction } from './actions';

const inputClass = 'touch-target block w-full rounded-lg border border-slate-300 bg-white px-3';

/**
 * One of the timeline's long filters (campaign, stall, employee) as a type-ahead: the matches are
 * searched on the server as one types, a few at a time, and choosing one puts its id in the form
 * (`name`). The text goes too (`${name}_q`), so the form also works without JavaScript: the page
 * takes a typed name to its first match, and an emptied box to no filter.
 */
export function FilterSearch({
  exhibitorId,
  field,
  name,
  label,
  placeholder,
  selected,
}: {
  exhibitorId: string;
  field: TimelineSearchField;
  name: string;
  label: string;
  placeholder: string;
  selected: TimelineFilterOption | null;
}) {
  const id = useId();
  const [text, setText] = useState(selected?.label ?? '');
  const [value, setValue] = useState(selected?.value ?? '');
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<TimelineFilterOption[]>([]);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const handle = setTimeout(async () => {
      try {
        const answer = await searchTimelineFilterAction({ exhibitorId, field, q: text.trim() });
        // A refused search (a session that ended meanwhile) finds nothing.
        if (live) {
          setFound(answer.ok ? answer.data : []);
          setActive(-1);
        }
      } catch {
        // Offline: the box keeps what it had.
      }
    }, 200);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [text, open, exhibitorId, field]);

  const choose = (o: TimelineFilterOption) => {
    setText(o.label);
    setValue(o.value);
    setOpen(false);
  };
  const listId = `${id}-list`;
  const expanded = open && found.length > 0;
  return (
    <div className="relative space-y-1">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium">
        {label}
      </label>
      <input type="hidden" name={name} value={value} />
      <input
        id={`${id}-input`}
        name={`${name}_q`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-o${active}` : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // Typing drops the choice until a match is chosen again (the page resolves plain text itself).
          setValue('');
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!expanded) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (i + step + found.length) % found.length);
          } else if (e.key === 'Enter' && active >= 0 && found[active]) {
            e.preventDefault();
            choose(found[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
        className={inputClass}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
      >
        {found.map((o, i) => (
          <li
            key={o.value}
            id={`${id}-o${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: it comes before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
            className={`flex touch-target cursor-pointer items-center px-3 ${i === active ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
          >
            {o.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
