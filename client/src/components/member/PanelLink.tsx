import { Text } from '@tarojs/components';

/** A small "text ›" link at the right end of a panel or card row. */
export function PanelLink({ label, className, onClick }: { label: string; className: string; onClick: () => void }) {
  return (
    <Text
      className={`panel-link ${className}`}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label} ›
    </Text>
  );
}
