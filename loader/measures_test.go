package loader

import (
	"testing"

	"plangraph/schema"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		text, action, commitment string
	}{
		{"每两年召开一次澜湄合作领导人会议,规划澜湄合作未来发展", "召开", schema.CommitmentScheduled},
		{"每年视情举行高官会、外交和各领域联合工作组会", "举行", schema.CommitmentScheduled},
		{"继续举办年度澜湄周活动,纪念首次领导人会议", "举办", schema.CommitmentScheduled},
		{"积极推进技术转移和产能合作", "推进", schema.CommitmentCommitted},
		{"合作领域间加强沟通协调,相互促进,发挥多维合作成效", "加强", schema.CommitmentCommitted},
		{"鼓励将优先领域联合工作组级别逐步提升至部长级", "鼓励", schema.CommitmentEncouraged},
		{"大力支持澜湄国家政策对话", "支持", schema.CommitmentEncouraged},
		{"秉持澜湄合作精神,鼓励成员国相互借鉴", "鼓励", schema.CommitmentEncouraged},
		{"探索建立澜湄区域灾害管理国际合作机制,根据六国需求定期举办论坛", "探索", schema.CommitmentExploratory},
		{"积极认真研究设立国际秘书处的可能性", "研究", schema.CommitmentExploratory},
		{"顺应区域经济复苏对安全发展环境的需要,以共建安宁家园为目标,探索更高层次的合作", "探索", schema.CommitmentExploratory},
		{"如有必要,在协商一致基础上召开领导人特别会议", "召开", schema.CommitmentCommitted},
		{"发展符合澜湄国家需求的经济走廊", "发展", schema.CommitmentCommitted},
		{"本行动计划将与一带一路倡议互补互促", "", schema.CommitmentStated},
		{"行动计划还旨在落实重要共识", "", schema.CommitmentStated},
		{"深化区域内民商事司法合作", "深化", schema.CommitmentCommitted},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := Measure{Text: tt.text}
			classify(&m)
			if m.Action != tt.action || m.Commitment != tt.commitment {
				t.Errorf("got (%q, %s), want (%q, %s)", m.Action, m.Commitment, tt.action, tt.commitment)
			}
		})
	}
}
