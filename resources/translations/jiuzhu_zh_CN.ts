<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActFlagDialog</name>
    <message>
        <source>Act on the flag</source>
        <translation>处理疑点</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>Working out what will happen…</source>
        <translation>正在测算处理结果…</translation>
    </message>
    <message>
        <source>Optional; the effects are noted otherwise</source>
        <translation>可不填；不填则记录处理结果</translation>
    </message>
    <message>
        <source>&amp;Date of death:</source>
        <translation>死亡日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认处理(&amp;C)</translation>
    </message>
    <message>
        <source>This will:</source>
        <translation>处理后将：</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>letters and digits, e.g. wangli</source>
        <translation>英文字母和数字，如 wangli</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>管辖范围(&amp;E)：</translation>
    </message>
    <message>
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation>再输入一次(&amp;T)：</translation>
    </message>
    <message>
        <source>Tell the user the initial password in person; he chooses his own at the first sign-in.</source>
        <translation>请当面把初始密码告诉该用户；他首次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>添加(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>The administrator account is called admin; it adds the other users.</source>
        <translation>管理员账户名为 admin，由它添加其他用户。</translation>
    </message>
    <message>
        <source>At least {count} characters</source>
        <translation>至少{count}个字符</translation>
    </message>
    <message>
        <source>Fill with &amp;demo data for training</source>
        <translation>装入演示数据（用于培训）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Jiuzhu</source>
        <translation>救助通</translation>
    </message>
    <message>
        <source>The database cannot be opened:
{error}</source>
        <translation>无法打开数据库：
{error}</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <source>The application</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <source>What the household applies for, as written on the application form.</source>
        <translation>按申请书填写申请的救助项目和日期。</translation>
    </message>
    <message>
        <source>The applicant applies &amp;alone (single-person household)</source>
        <translation>申请人单独申请（单人户）(&amp;A)</translation>
    </message>
    <message>
        <source>A near &amp;relative of a caseworker or village cadre (filed separately)</source>
        <translation>系经办人员或村干部的近亲属（单独登记备案）(&amp;R)</translation>
    </message>
    <message>
        <source>In the applicant&apos;s words: the household&apos;s difficulties and why it applies</source>
        <translation>按申请人所述：家庭困难情况和申请原因</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>救助项目(&amp;P)：</translation>
    </message>
    <message>
        <source>Applied &amp;on:</source>
        <translation>申请日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Reason for appl&amp;ying:</source>
        <translation>申请理由(&amp;Y)：</translation>
    </message>
</context>
<context>
    <name>ApprovalPage</name>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>Due {date}</source>
        <translation>期限：{date}</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Sent up</source>
        <translation>报县日期</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>入户核查</translation>
    </message>
    <message>
        <source>&amp;Draw spot checks</source>
        <translation>随机抽查(&amp;D)</translation>
    </message>
    <message>
        <source>Draw at random at least 30% of the cases sent up under the 2012 rules for a home visit.</source>
        <translation>按2012年办法，从报县审核的申请中随机抽取不少于30%入户抽查。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Cases waiting for the county</source>
        <translation>待县级审批</translation>
    </message>
    <message>
        <source>{n} working days overdue</source>
        <translation>已逾期{n}个工作日</translation>
    </message>
    <message>
        <source>{n} working days</source>
        <translation>{n}个工作日</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已核查</translation>
    </message>
    <message>
        <source>Required: {reasons}</source>
        <translation>须核查：{reasons}</translation>
    </message>
    <message>
        <source>Spot check not drawn</source>
        <translation>未抽查</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} cases waiting, {late} overdue, {visits} need a home visit</source>
        <translation>待审批{n}件，逾期{late}件，须入户核查{visits}件</translation>
    </message>
    <message>
        <source>Decision saved.</source>
        <translation>审批决定已保存。</translation>
    </message>
    <message>
        <source>No case under the 2012 rules is waiting for a draw.</source>
        <translation>没有待抽查的2012年办法申请。</translation>
    </message>
    <message>
        <source>Drew {drawn} of {n} cases ({share}%) for a county home visit: {numbers}</source>
        <translation>本批{n}件中随机抽取{drawn}件（{share}%）县级入户核查：{numbers}</translation>
    </message>
    <message>
        <source>Home visit recorded.</source>
        <translation>县级入户核查已登记。</translation>
    </message>
</context>
<context>
    <name>AssetsTab</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>价值（元）</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>不计入</translation>
    </message>
    <message>
        <source>Add &amp;asset</source>
        <translation>添加财产(&amp;A)</translation>
    </message>
    <message>
        <source>Remove asset</source>
        <translation>删除财产</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>Value (yuan):</source>
        <translation>价值（元）：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>A backup is a copy of the whole database: every household, case and account. Write it to a USB stick or another disk and keep that away from this computer, in a locked drawer: a copy left on the same PC is lost with it. The copy holds personal data; never hand it on.</source>
        <translation>备份是整个数据库的副本，所有家庭、申请和账户都在其中。请备份到U盘或另一块硬盘，并存放在远离这台电脑的地方（如上锁的抽屉）：留在同一台电脑上的副本会随电脑一起丢失。备份含有个人信息，切勿转交他人。</translation>
    </message>
    <message>
        <source>The backup is encrypted like the database: it opens only with a password of this installation or its recovery key. Keep the administrator&apos;s password and the recovery key safe: without them the backup cannot be restored on a new computer either.</source>
        <translation>备份和数据库一样是加密的：只有用本单位账户的密码或恢复密钥才能打开。请保管好管理员密码和恢复密钥：没有它们，备份在新电脑上也无法恢复。</translation>
    </message>
    <message>
        <source>the USB stick, e.g. E:\</source>
        <translation>U盘，例如 E:\</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>This installation:</source>
        <translation>本机：</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Last copy off this PC:</source>
        <translation>最近拷出本机的备份：</translation>
    </message>
    <message>
        <source>Write to &amp;folder:</source>
        <translation>写入文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <source>{households} households, {persons} persons</source>
        <translation>{households}户，{persons}人</translation>
    </message>
    <message>
        <source>never yet</source>
        <translation>从未拷出过</translation>
    </message>
    <message>
        <source>Write the backup to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backed up to {file} ({households} households, {persons} persons).</source>
        <translation>已备份到 {file}（{households}户，{persons}人）。</translation>
    </message>
    <message>
        <source>The folder lies inside the data folder: this copy does not count as a copy off the PC.</source>
        <translation>该文件夹位于数据文件夹内，这份备份不算拷出本机。</translation>
    </message>
    <message>
        <source>{reminder} {advice}</source>
        <translation>{reminder}{advice}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>BackupReminderBar</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>No backup of this database has been copied off this PC yet.</source>
        <translation>本机数据库还没有拷出过备份。</translation>
    </message>
    <message>
        <source>The last backup copied off this PC was made {days} days ago ({day}).</source>
        <translation>最近一次拷出本机的备份是{days}天前（{day}）做的。</translation>
    </message>
    <message>
        <source>Back up to a USB stick now and keep it away from this computer.</source>
        <translation>请现在备份到U盘，并存放在远离这台电脑的地方。</translation>
    </message>
    <message>
        <source>Please ask the head of the office or the administrator to back up.</source>
        <translation>请负责人或系统管理员备份。</translation>
    </message>
    <message>
        <source>{reminder} {advice}</source>
        <translation>{reminder}{advice}</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>BenefitRulesForm</name>
    <message>
        <source>Gap to the standard</source>
        <translation>补差</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>分档</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>档次</translation>
    </message>
    <message>
        <source>Income a head up to (yuan)</source>
        <translation>人均收入上限（元）</translation>
    </message>
    <message>
        <source>Amount a person (yuan)</source>
        <translation>每人金额（元）</translation>
    </message>
    <message>
        <source>Add a &amp;tier</source>
        <translation>添加档次(&amp;T)</translation>
    </message>
    <message>
        <source>Remove the tier</source>
        <translation>删除档次</translation>
    </message>
    <message>
        <source>Tiers (used when the calculation is by tiers)</source>
        <translation>档次（按分档计算时使用）</translation>
    </message>
    <message>
        <source>Leave the income limit of the last tier empty for no limit.</source>
        <translation>最后一档的收入上限可留空，表示不设上限。</translation>
    </message>
    <message>
        <source>Extra support for groups</source>
        <translation>分类施保</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Fixed yuan a month</source>
        <translation>每月固定金额（元）</translation>
    </message>
    <message>
        <source>Percent of the standard</source>
        <translation>标准的百分比</translation>
    </message>
    <message>
        <source>The highest one</source>
        <translation>取最高一项</translation>
    </message>
    <message>
        <source>All added up</source>
        <translation>各项累加</translation>
    </message>
    <message>
        <source>A person in several groups gets:</source>
        <translation>同时属于多类的，按：</translation>
    </message>
    <message>
        <source>&amp;Calculation:</source>
        <translation>计算方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Rounding:</source>
        <translation>取整方式(&amp;R)：</translation>
    </message>
    <message>
        <source>Minimum &amp;payment (yuan):</source>
        <translation>最低发放额（元）(&amp;P)：</translation>
    </message>
    <message>
        <source>E&amp;lderly from age:</source>
        <translation>老年人年龄下限(&amp;L)：</translation>
    </message>
    <message>
        <source>M&amp;inor under age:</source>
        <translation>未成年人年龄上限(&amp;I)：</translation>
    </message>
    <message>
        <source>Near-dibao &amp;multiple of the standard:</source>
        <translation>低保边缘倍数(&amp;M)：</translation>
    </message>
    <message>
        <source>Enter the amount a person of tier {row}.</source>
        <translation>请填写第{row}档的每人金额。</translation>
    </message>
    <message>
        <source>Enter the extra support for {group}.</source>
        <translation>请填写{group}的分类施保金额或比例。</translation>
    </message>
    <message>
        <source>The near-dibao multiple is not a number.</source>
        <translation>低保边缘倍数不是有效数字。</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>No case chosen</source>
        <translation>未选择申请</translation>
    </message>
    <message>
        <source>Choose a case in the list, or take a new application (Ctrl+N).</source>
        <translation>请在左侧列表中选择一个申请，或登记新申请（Ctrl+N）。</translation>
    </message>
    <message>
        <source>Due next</source>
        <translation>下一步期限</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Other steps:</source>
        <translation>其他：</translation>
    </message>
    <message>
        <source>Propose stopping or &amp;reducing…</source>
        <translation>提出停发/减发建议(&amp;R)…</translation>
    </message>
    <message>
        <source>Record a review of this household with a proposal (stop, gradual exit, reduce); the county decides it.</source>
        <translation>为该户登记一次复核并提出建议（停发、渐退、减发），由县级决定。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>受理(&amp;A)…</translation>
    </message>
    <message>
        <source>Ask for &amp;missing papers…</source>
        <translation>一次性告知补正(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Start investigation…</source>
        <translation>开始调查(&amp;S)…</translation>
    </message>
    <message>
        <source>Record &amp;investigation…</source>
        <translation>登记入户调查(&amp;I)…</translation>
    </message>
    <message>
        <source>Democratic re&amp;view…</source>
        <translation>民主评议(&amp;V)…</translation>
    </message>
    <message>
        <source>Township &amp;opinion…</source>
        <translation>初审意见(&amp;O)…</translation>
    </message>
    <message>
        <source>Start the noti&amp;ce…</source>
        <translation>开始公示(&amp;C)…</translation>
    </message>
    <message>
        <source>Record an objection (&amp;Y)…</source>
        <translation>登记异议(&amp;Y)…</translation>
    </message>
    <message>
        <source>Su&amp;bmit to the county…</source>
        <translation>公示期满报县(&amp;B)…</translation>
    </message>
    <message>
        <source>Send the &amp;new opinion to the county…</source>
        <translation>复查后报县(&amp;N)…</translation>
    </message>
    <message>
        <source>Approve (&amp;Q)…</source>
        <translation>确认(&amp;Q)…</translation>
    </message>
    <message>
        <source>Ref&amp;use…</source>
        <translation>不予确认(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Refuse the application…</source>
        <translation>不予受理(&amp;R)…</translation>
    </message>
    <message>
        <source>Report ineligible (&amp;D)…</source>
        <translation>核对不符告知(&amp;D)…</translation>
    </message>
    <message>
        <source>Rechec&amp;k…</source>
        <translation>复查(&amp;K)…</translation>
    </message>
    <message>
        <source>R&amp;e-investigate…</source>
        <translation>重新调查(&amp;E)…</translation>
    </message>
    <message>
        <source>County notice (&amp;X)…</source>
        <translation>县级拟批准公示(&amp;X)…</translation>
    </message>
    <message>
        <source>Gradual exit (&amp;J)…</source>
        <translation>渐退(&amp;J)…</translation>
    </message>
    <message>
        <source>S&amp;top payment…</source>
        <translation>停发(&amp;T)…</translation>
    </message>
    <message>
        <source>Terminate (&amp;Z)…</source>
        <translation>终止(&amp;Z)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>撤回申请(&amp;W)…</translation>
    </message>
    <message>
        <source>{head} · {programme} · {number}</source>
        <translation>{head}户 · {programme} · {number}</translation>
    </message>
    <message>
        <source>{village} · applicant {applicant} · applied on {applied} · now: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>{village} · 申请人 {applicant} · {applied}申请 · 当前：&lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · {amount} yuan a month</source>
        <translation> · 每月{amount}元</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No time limit is running. Steps open to you now: {steps}</source>
        <translation>当前没有法定时限在计算。您现在可以办理：{steps}</translation>
    </message>
    <message>
        <source>{label}: by {due} &lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;{left}&lt;/b&gt;&lt;/span&gt;</source>
        <translation>{label}：{due}前 &lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;{left}&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Not open to you now: {why}</source>
        <translation>暂不能办理：{why}</translation>
    </message>
    <message>
        <source>Saved: {step}</source>
        <translation>已保存：{step}</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>&amp;New application…</source>
        <translation>新申请(&amp;N)…</translation>
    </message>
    <message>
        <source>Applications are taken by the township office; {role} may read and print.</source>
        <translation>申请由乡镇民政办登记；{role}只能查阅和打印。</translation>
    </message>
    <message>
        <source>name, village or case number</source>
        <translation>姓名、村(居)或申请编号</translation>
    </message>
    <message>
        <source>Fi&amp;lter:</source>
        <translation>筛选(&amp;L)：</translation>
    </message>
    <message>
        <source>Open applications</source>
        <translation>未办结的申请</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <source>Which cases the list shows</source>
        <translation>列表显示哪些申请</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请办理</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} open applications, {overdue} overdue</source>
        <translation>在办申请{n}件，其中逾期{overdue}件</translation>
    </message>
    <message>
        <source>{n} cases</source>
        <translation>共 {n} 件</translation>
    </message>
    <message>
        <source>Filter: {filter}</source>
        <translation>筛选条件：{filter}</translation>
    </message>
    <message>
        <source>Application {number} saved.</source>
        <translation>申请{number}已保存。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再输一次(&amp;R)：</translation>
    </message>
    <message>
        <source>Save &amp;password</source>
        <translation>保存密码(&amp;P)</translation>
    </message>
    <message>
        <source>Signed in as {user}</source>
        <translation>当前用户：{user}</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
</context>
<context>
    <name>ClearFlagDialog</name>
    <message>
        <source>Clear the flag</source>
        <translation>核销疑点</translation>
    </message>
    <message>
        <source>For example: checked, it does not affect the assistance</source>
        <translation>例如：经核实不影响保障</translation>
    </message>
    <message>
        <source>What the check found (&amp;required):</source>
        <translation>核实情况（必填）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Clear the flag</source>
        <translation>核销(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Consent and save</source>
        <translation>核对授权和保存</translation>
    </message>
    <message>
        <source>Check the summary. Saving creates the household file and the application.</source>
        <translation>请核对摘要。保存后将建立家庭档案并登记申请。</translation>
    </message>
    <message>
        <source>&amp;Save and create the file</source>
        <translation>保存并建档(&amp;S)</translation>
    </message>
    <message>
        <source>The applicant and every member have &amp;signed the consent to data matching, on</source>
        <translation>申请人及全体家庭成员已签署家庭经济状况核对授权书(&amp;S)，日期</translation>
    </message>
    <message>
        <source>The papers are complete: &amp;accept the application now</source>
        <translation>材料齐全，当场受理(&amp;A)</translation>
    </message>
    <message>
        <source>{name}, in the household file of {head} ({village})</source>
        <translation>{name}，沿用{village}{head}户的家庭档案</translation>
    </message>
    <message>
        <source>{name}, new household file in {village} with {n} members</source>
        <translation>{name}，在{village}新建家庭档案，共{n}人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Applicant:&lt;/b&gt; {who}&lt;br&gt;&lt;b&gt;Programme:&lt;/b&gt; {programme}, applied on {day}</source>
        <translation>&lt;b&gt;申请人：&lt;/b&gt;{who}&lt;br&gt;&lt;b&gt;救助项目：&lt;/b&gt;{programme}，{day}申请</translation>
    </message>
    <message>
        <source>Estimating from the household file…</source>
        <translation>正在按家庭档案测算…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>CountyDashboardPage</name>
    <message>
        <source>Townships at a glance</source>
        <translation>各乡镇工作概况</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reload the numbers (F5)</source>
        <translation>重新读取数据（F5）</translation>
    </message>
    <message>
        <source>Benefits being paid</source>
        <translation>在保户数</translation>
    </message>
    <message>
        <source>Awaiting the county</source>
        <translation>待县级审批</translation>
    </message>
    <message>
        <source>Deadlines at risk</source>
        <translation>时限预警</translation>
    </message>
    <message>
        <source>Reviews overdue</source>
        <translation>复核逾期</translation>
    </message>
    <message>
        <source>Sync items to handle</source>
        <translation>同步待处理</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Townships</source>
        <translation>各乡镇</translation>
    </message>
    <message>
        <source>Applications by township</source>
        <translation>各乡镇申请情况</translation>
    </message>
    <message>
        <source>Benefits and overdue reviews by township</source>
        <translation>各乡镇在保与逾期复核</translation>
    </message>
    <message>
        <source>Loading the townships&apos; numbers…</source>
        <translation>正在读取各乡镇数据…</translation>
    </message>
    <message>
        <source>As of {day} · {n} townships · {stations} stations registered</source>
        <translation>截至{day} · {n}个乡镇 · 已登记{stations}个工作站</translation>
    </message>
    <message>
        <source>Red: needs action now; amber: due within 3 working days or no import for {days} days.</source>
        <translation>红色：需立即处理；橙色：3个工作日内到期，或超过{days}天未导入数据。</translation>
    </message>
    <message>
        <source>Township numbers updated: {n} applications await the county.</source>
        <translation>各乡镇数据已更新：{n}件申请待县级审批。</translation>
    </message>
    <message>
        <source>{amount} ten-thousand yuan a month</source>
        <translation>每月{amount}万元</translation>
    </message>
    <message>
        <source>{amount} yuan a month</source>
        <translation>每月{amount}元</translation>
    </message>
    <message>
        <source>{n} still at the townships</source>
        <translation>乡镇办理中{n}件</translation>
    </message>
    <message>
        <source>{overdue} overdue, {soon} due soon</source>
        <translation>已逾期{overdue}件，即将到期{soon}件</translation>
    </message>
    <message>
        <source>in {n} of {all} townships</source>
        <translation>涉及{n}/{all}个乡镇</translation>
    </message>
    <message>
        <source>held {held} · quarantined {q} · conflicts {c} · duplicates {d}</source>
        <translation>暂存{held} · 隔离{q} · 冲突{c} · 重复{d}</translation>
    </message>
    <message>
        <source>{n} without an import for {days} days</source>
        <translation>{n}个超过{days}天未导入</translation>
    </message>
    <message>
        <source>no station registered yet</source>
        <translation>尚未登记工作站</translation>
    </message>
    <message>
        <source>At township</source>
        <translation>乡镇办理中</translation>
    </message>
    <message>
        <source>Awaiting county</source>
        <translation>待县级审批</translation>
    </message>
    <message>
        <source>Being paid</source>
        <translation>在保</translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>The county&apos;s 6-digit division code, e.g. 430623.</source>
        <translation>县的6位区划代码，如 430623。</translation>
    </message>
    <message>
        <source>Optional, e.g. 华容县</source>
        <translation>选填，如 华容县</translation>
    </message>
    <message>
        <source>County &amp;code:</source>
        <translation>县级区划代码(&amp;C)：</translation>
    </message>
    <message>
        <source>County &amp;name:</source>
        <translation>县名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>CountyVisitDialog</name>
    <message>
        <source>County home visit: {case}</source>
        <translation>县级入户核查：{case}</translation>
    </message>
    <message>
        <source>first member of staff</source>
        <translation>第一名核查人员</translation>
    </message>
    <message>
        <source>second member of staff</source>
        <translation>第二名核查人员</translation>
    </message>
    <message>
        <source>Meets the conditions</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Does not meet the conditions</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Not concluded</source>
        <translation>暂无结论</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation>核查人员(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>核查情况(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Conclusion:</source>
        <translation>结论(&amp;C)：</translation>
    </message>
    <message>
        <source>Choose the conclusion: meets the conditions, does not, or not concluded yet.</source>
        <translation>请选择调查结论：符合条件、不符合条件或尚无结论。</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <source>Jiuzhu is locked</source>
        <translation>救助通已锁定</translation>
    </message>
    <message>
        <source>Sign in again to continue.</source>
        <translation>请重新登录后继续。</translation>
    </message>
    <message>
        <source>Jiuzhu (locked)</source>
        <translation>救助通（已锁定）</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Jiuzhu: unexpected error</source>
        <translation>救助通：意外错误</translation>
    </message>
    <message>
        <source>Sorry, Jiuzhu met an unexpected error. The work you saved before is safe.
Please copy the details below and send them to your system administrator.</source>
        <translation>抱歉，救助通遇到了意外错误。此前已保存的工作不受影响。
请复制下面的详细信息，发送给系统管理员。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>No log file.</source>
        <translation>没有日志文件。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit Jiuzhu</source>
        <translation>退出救助通(&amp;Q)</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>继续使用(&amp;O)</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Hello, {name}</source>
        <translation>您好，{name}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Households on file</source>
        <translation>在册家庭（户）</translation>
    </message>
    <message>
        <source>People on file</source>
        <translation>在册人员（人）</translation>
    </message>
    <message>
        <source>Benefits being paid</source>
        <translation>在保户数</translation>
    </message>
    <message>
        <source>Paid per month (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Choose a case in the queue</source>
        <translation>请在左侧列表中选择申请</translation>
    </message>
    <message>
        <source>Record home &amp;visit…</source>
        <translation>登记入户核查(&amp;V)…</translation>
    </message>
    <message>
        <source>County home visit</source>
        <translation>县级入户核查</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>Start the &amp;pre-approval notice</source>
        <translation>发布拟批准公示(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation>不予确认(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;End: applicant does not cooperate</source>
        <translation>终止：申请人不配合(&amp;E)</translation>
    </message>
    <message>
        <source>as the rules give</source>
        <translation>按标准核定</translation>
    </message>
    <message>
        <source>&amp;Submit decision</source>
        <translation>提交审批决定(&amp;S)</translation>
    </message>
    <message>
        <source>Open case &amp;file</source>
        <translation>打开案卷(&amp;F)</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>审批结果：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Monthly a&amp;mount (yuan):</source>
        <translation>月保障金额（元）(&amp;M)：</translation>
    </message>
    <message>
        <source>Rea&amp;sons:</source>
        <translation>理由(&amp;S)：</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <source>{applicant} · {program} · {number}</source>
        <translation>{applicant} · {program} · {number}</translation>
    </message>
    <message>
        <source>{place} · {state} · {members} members living together, {covered} covered</source>
        <translation>{place} · {state} · 共同生活{members}人，保障{covered}人</translation>
    </message>
    <message>
        <source>Township opinion ({by}): {opinion}</source>
        <translation>乡镇初审意见（{by}）：{opinion}</translation>
    </message>
    <message>
        <source>No township opinion recorded.</source>
        <translation>乡镇尚未签署初审意见。</translation>
    </message>
    <message>
        <source>Per-capita income {income} yuan against a standard of {standard} yuan: the rules give {amount} yuan a month.</source>
        <translation>家庭月人均收入{income}元，保障标准{standard}元：按标准核定每月{amount}元。</translation>
    </message>
    <message>
        <source>The rules give no amount: {why}</source>
        <translation>按标准无法核定金额：{why}</translation>
    </message>
    <message>
        <source>Required: {reasons}.</source>
        <translation>须县级入户核查：{reasons}。</translation>
    </message>
    <message>
        <source>Not required for this case.</source>
        <translation>本申请无须县级入户核查。</translation>
    </message>
    <message>
        <source>Record the visit before the decision.</source>
        <translation>须先登记入户核查，才能作出确认决定。</translation>
    </message>
    <message>
        <source>Choose the decision.</source>
        <translation>请选择审批结果。</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The backup was not restored; nothing was changed.</source>
        <translation>备份没有恢复，数据库没有任何改动。</translation>
    </message>
    <message>
        <source>The database was restored from {file}. Please sign in again.</source>
        <translation>已从 {file} 恢复数据库，请重新登录。</translation>
    </message>
    <message>
        <source>The database it replaced was kept as {file}.</source>
        <translation>原数据库已另存为 {file}。</translation>
    </message>
    <message>
        <source>{user} has left {n} window(s) with input that has not been saved. Signing in as {other} closes them and discards that input.</source>
        <translation>{user}留下的 {n} 个窗口中有尚未保存的输入。以{other}的身份登录将关闭这些窗口，并放弃其中的输入。</translation>
    </message>
    <message>
        <source>&amp;Discard it and sign in</source>
        <translation>放弃其输入并登录(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep it (back to the lock)</source>
        <translation>保留（回到锁定画面）(&amp;K)</translation>
    </message>
    <message>
        <source>{n} window(s) hold input that has not been saved. Discard it and sign out?</source>
        <translation>有 {n} 个窗口中有尚未保存的输入。放弃这些输入并注销吗？</translation>
    </message>
    <message>
        <source>&amp;Discard and sign out</source>
        <translation>放弃并注销(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>返回(&amp;G)</translation>
    </message>
    <message>
        <source>{n} window(s) hold input that has not been saved. Discard it and quit?</source>
        <translation>有 {n} 个窗口中有尚未保存的输入。放弃这些输入并退出吗？</translation>
    </message>
    <message>
        <source>&amp;Discard and quit</source>
        <translation>放弃并退出(&amp;D)</translation>
    </message>
    <message>
        <source>Input not saved</source>
        <translation>输入尚未保存</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Application saved</source>
        <translation>申请已保存</translation>
    </message>
    <message>
        <source>Case number &lt;b&gt;{number}&lt;/b&gt; for the household of {head}: {state}.</source>
        <translation>{head}户的申请编号为 &lt;b&gt;{number}&lt;/b&gt;，当前状态：{state}。</translation>
    </message>
    <message>
        <source>{label}: by {due} ({left})</source>
        <translation>{label}：{due}前（{left}）</translation>
    </message>
    <message>
        <source>The time limits start when the application is accepted.</source>
        <translation>受理后开始计算办理时限。</translation>
    </message>
</context>
<context>
    <name>EstimateText</name>
    <message>
        <source>Loading the standards…</source>
        <translation>正在读取保障标准…</translation>
    </message>
    <message>
        <source>Members living together: &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>共同生活家庭成员：&lt;b&gt;{n}&lt;/b&gt;人</translation>
    </message>
    <message>
        <source>Household income a month: &lt;b&gt;{amount}&lt;/b&gt; yuan</source>
        <translation>家庭月收入：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>Per capita a month: &lt;b&gt;{amount}&lt;/b&gt; yuan</source>
        <translation>月人均收入：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>Standard a month: {amount} yuan</source>
        <translation>保障标准：每人每月{amount}元</translation>
    </message>
    <message>
        <source>Estimated amount: &lt;b&gt;{amount}&lt;/b&gt; yuan a month</source>
        <translation>测算月保障金：&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not eligible on these figures.&lt;/b&gt;</source>
        <translation>&lt;b&gt;按以上数据不符合条件。&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>FactsTab</name>
    <message>
        <source>(not recorded)</source>
        <translation>（未登记）</translation>
    </message>
    <message>
        <source>&amp;Save household</source>
        <translation>保存家庭信息(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>住址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Urban or rural:</source>
        <translation>城乡类别(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Housing:</source>
        <translation>住房(&amp;H)：</translation>
    </message>
    <message>
        <source>Housing area (m²):</source>
        <translation>住房面积（平方米）：</translation>
    </message>
    <message>
        <source>&amp;Bank:</source>
        <translation>开户银行(&amp;B)：</translation>
    </message>
    <message>
        <source>Account &amp;number:</source>
        <translation>账号(&amp;N)：</translation>
    </message>
    <message>
        <source>Account &amp;holder:</source>
        <translation>户名(&amp;H)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the ledger</source>
        <translation>选择台账</translation>
    </message>
    <message>
        <source>Choose the township&apos;s Excel ledger (.xlsx). Title rows, two-row headers, subtotal rows and notes under the table are recognised; nothing is written before you confirm.</source>
        <translation>请选择乡镇的Excel台账（.xlsx）。可识别表头上方的标题行、两行表头、小计行和表下说明；确认之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>Path of the .xlsx file</source>
        <translation>.xlsx文件的路径</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Ledger &amp;file:</source>
        <translation>台账文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Reading the ledger…</source>
        <translation>正在读取台账…</translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) with a ledger header found.</source>
        <translation>
            <numerusform>找到%n张含台账表头的工作表。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Jiuzhu: first-run setup</source>
        <translation>救助通：首次设置</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>开始设置(&amp;S)</translation>
    </message>
    <message>
        <source>Setting up…</source>
        <translation>正在设置…</translation>
    </message>
    <message>
        <source>Opening the provisioning file…</source>
        <translation>正在打开配置文件…</translation>
    </message>
    <message>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <source>Setting up the installation and the administrator…</source>
        <translation>正在初始化并创建管理员账户…</translation>
    </message>
    <message>
        <source>Joining the county&apos;s sync…</source>
        <translation>正在加入县级同步…</translation>
    </message>
    <message>
        <source>Filling in demo data (this takes a while)…</source>
        <translation>正在装入演示数据（需要一些时间）…</translation>
    </message>
</context>
<context>
    <name>FlagDetail</name>
    <message>
        <source>beneficiary</source>
        <translation>保障对象</translation>
    </message>
    <message>
        <source>household member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Row in the list</source>
        <translation>名单行号</translation>
    </message>
    <message>
        <source>Person matched</source>
        <translation>比对人员</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Township / village</source>
        <translation>乡镇/村</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>死亡日期</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>不详</translation>
    </message>
</context>
<context>
    <name>ForcedPasswordDialog</name>
    <message>
        <source>Choose your own password</source>
        <translation>设置您自己的密码</translation>
    </message>
    <message>
        <source>Your password was set by the administrator. Choose a new password that only you know before you start work.</source>
        <translation>您的密码是管理员设置的。开始工作前，请设置一个只有您自己知道的新密码。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再输一次(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Save and sign in</source>
        <translation>保存并登录(&amp;S)</translation>
    </message>
    <message>
        <source>Please enter the new password twice.</source>
        <translation>请输入两次新密码。</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>{n} working days overdue</source>
        <translation>已逾期{n}个工作日</translation>
    </message>
    <message>
        <source>due on {date}</source>
        <translation>{date}到期</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>{n} working days left</source>
        <translation>还剩{n}个工作日</translation>
    </message>
    <message>
        <source>overdue by {n} working days</source>
        <translation>逾期{n}个工作日</translation>
    </message>
    <message>
        <source>due on {month}/{day}</source>
        <translation>{month}月{day}日到期</translation>
    </message>
    <message>
        <source>{n} days overdue</source>
        <translation>已逾期{n}天</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>还剩{n}天</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Household of {head}</source>
        <translation>家庭档案：{head}户</translation>
    </message>
    <message>
        <source>Head of household:</source>
        <translation>户主：</translation>
    </message>
    <message>
        <source>Village:</source>
        <translation>村(居)：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住址：</translation>
    </message>
    <message>
        <source>Urban or rural:</source>
        <translation>城乡类别：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>共同生活成员</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>&amp;Edit file…</source>
        <translation>编辑档案(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open the case</source>
        <translation>打开申请(&amp;O)</translation>
    </message>
    <message>
        <source>Show the chosen case in Applications: its steps, printing, stopping payment</source>
        <translation>在“申请办理”中打开所选申请：办理步骤、打印、停发</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the chosen case&apos;s forms: its application, summary, certificate (低保证)…</source>
        <translation>打印所选申请的文书：申请书、审批表、低保证等</translation>
    </message>
    <message>
        <source>&amp;New application…</source>
        <translation>新申请(&amp;N)…</translation>
    </message>
    <message>
        <source>Members ({n})</source>
        <translation>家庭成员（{n}人）</translation>
    </message>
    <message>
        <source>Cases ({n})</source>
        <translation>申请记录（{n}件）</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Edit household file</source>
        <translation>编辑家庭档案</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Incomes</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>财产</translation>
    </message>
    <message>
        <source>Supporters</source>
        <translation>赡养人</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Household of {head}, {village}</source>
        <translation>{village}{head}户</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>只读：{reason}</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>The household</source>
        <translation>家庭情况</translation>
    </message>
    <message>
        <source>Where the household is registered and lives.</source>
        <translation>家庭户籍所在地和居住地址。</translation>
    </message>
    <message>
        <source>(choose the village)</source>
        <translation>（请选择村、社区）</translation>
    </message>
    <message>
        <source>Choose the village where the household is registered.</source>
        <translation>请选择该户户籍所在的村（社区）。</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Urban or rural:</source>
        <translation>城乡类别(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>住址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Housing:</source>
        <translation>住房类型(&amp;H)：</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>{head} (matched: {member})</source>
        <translation>{head}（匹配：{member}）</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
</context>
<context>
    <name>ImportListDialog</name>
    <message>
        <source>Import a matching list</source>
        <translation>导入比对名单</translation>
    </message>
    <message>
        <source>An .xlsx or .csv file with an ID number column</source>
        <translation>含身份证号列的 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Optional, e.g. the county funeral home</source>
        <translation>可不填，如：县殡仪馆</translation>
    </message>
    <message>
        <source>&amp;Kind of list:</source>
        <translation>名单种类(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Choose the list</source>
        <translation>选择比对名单</translation>
    </message>
</context>
<context>
    <name>IncomesTab</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add &amp;income</source>
        <translation>添加收入(&amp;I)</translation>
    </message>
    <message>
        <source>Remove income</source>
        <translation>删除收入</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Amount (yuan):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Months covered:</source>
        <translation>所含月数：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>(whole household)</source>
        <translation>（全户）</translation>
    </message>
    <message>
        <source>Type the amount.</source>
        <translation>请填写金额。</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
</context>
<context>
    <name>InputMethod</name>
    <message>
        <source>&lt;p&gt;Input method: {name}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;输入法：{name}。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Input method: {name} is not passed on to Jiuzhu&lt;/b&gt;, so Chinese may not be typed here. Please ask the county IT staff to set up the input method for Qt programs (see the installation chapter of the guide).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;输入法 {name} 未传递给救助通&lt;/b&gt;，在本程序中可能无法输入中文。请联系县信息中心为 Qt 程序配置输入法（见使用手册“在办公电脑上安装”一章）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Input method: {name} cannot be used.&lt;/b&gt; This copy of Jiuzhu has no Qt plugin for it, so Chinese cannot be typed here. Please ask the county IT staff to install the input-method plugin (see the installation chapter of the guide).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;输入法 {name} 无法使用。&lt;/b&gt;本机的救助通缺少该输入法的 Qt 插件，在本程序中无法输入中文。请联系县信息中心安装输入法插件（见使用手册“在办公电脑上安装”一章）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <source>New application</source>
        <translation>新申请</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join the county&apos;s sync</source>
        <translation>加入县级同步</translation>
    </message>
    <message>
        <source>Choose the provisioning file the county civil affairs bureau made for this station (a .jzp file on a USB stick) and enter the passphrase the county told you separately. That passphrase is also this computer&apos;s sync passphrase from now on: it is asked each time a bundle is exported or imported.</source>
        <translation>请选择县民政局为本站制作的配置文件（U盘上的 .jzp 文件），并输入县里另行告知的口令。此后该口令也是本机的同步口令：每次导出、导入数据包时都要输入。</translation>
    </message>
    <message>
        <source>This station has already joined. Join again only with a new file the county made after re-provisioning this station (for example after a lost laptop&apos;s keys were revoked): it replaces this computer&apos;s sync keys.</source>
        <translation>本站已经加入县级同步。只有县里为本站重新配置（例如电脑丢失、旧密钥已吊销）后，才需要用新的配置文件重新加入：新文件将替换本机的同步密钥。</translation>
    </message>
    <message>
        <source>e.g. E:\jiuzhu-provision-430623101.jzp</source>
        <translation>例如 E:\jiuzhu-provision-430623101.jzp</translation>
    </message>
    <message>
        <source>Provisioning &amp;file:</source>
        <translation>配置文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>Provisioning file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Jiuzhu provisioning files (*.jzp);;All files (*)</source>
        <translation>救助通配置文件 (*.jzp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Please choose the provisioning file.</source>
        <translation>请选择配置文件。</translation>
    </message>
    <message>
        <source>Please enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>正在加入…</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Provisioning file from the county</source>
        <translation>县里发来的配置文件</translation>
    </message>
    <message>
        <source>Choose the file and enter the passphrase the county gave you separately.</source>
        <translation>请选择配置文件，并输入县里另行告知的口令。</translation>
    </message>
    <message>
        <source>Provisioning &amp;file:</source>
        <translation>配置文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Provisioning file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Please choose the provisioning file.</source>
        <translation>请选择配置文件。</translation>
    </message>
    <message>
        <source>Please enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>KindPage</name>
    <message>
        <source>Set up Jiuzhu</source>
        <translation>设置救助通</translation>
    </message>
    <message>
        <source>This data folder is empty. Choose what this computer will be.</source>
        <translation>数据目录为空，请选择本机的用途。</translation>
    </message>
    <message>
        <source>&amp;Township station joining the county (provisioning file)</source>
        <translation>乡镇工作站，加入县级同步（使用配置文件）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Standalone township station</source>
        <translation>乡镇工作站，单机使用(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;County master database</source>
        <translation>县级主库(&amp;C)</translation>
    </message>
    <message>
        <source>The county civil affairs bureau has sent you a provisioning file.</source>
        <translation>县民政局已发来本乡镇的配置文件。</translation>
    </message>
    <message>
        <source>Work on your own for now; the county can provision you later.</source>
        <translation>暂不与县里同步，以后可再由县里配置。</translation>
    </message>
    <message>
        <source>The county&apos;s master database that receives the townships&apos; bundles.</source>
        <translation>县级主库，接收各乡镇报送的数据包。</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <source>Import a ledger</source>
        <translation>导入台账</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Jiuzhu: locked</source>
        <translation>救助通：已锁定</translation>
    </message>
    <message>
        <source>The screen is locked. {user} is signed in: enter the password to continue. Another user may sign in instead; {user}&apos;s windows are then closed.</source>
        <translation>屏幕已锁定。当前登录的是{user}：输入密码即可继续。其他用户也可以在此登录，{user}的窗口随即关闭。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Jiuzhu: sign in</source>
        <translation>救助通：登录</translation>
    </message>
    <message>
        <source>Jiuzhu social assistance</source>
        <translation>救助通 社会救助经办系统</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Forgotten the administrator password?</source>
        <translation>忘记管理员密码？</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Demo accounts: {users} (password {password})</source>
        <translation>演示账户：{users}（密码均为 {password}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>A new password was set for {user}: sign in with it.</source>
        <translation>已为 {user} 设置新密码，请用新密码登录。</translation>
    </message>
    <message>
        <source>Please enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>You must choose a new password before you can sign in.</source>
        <translation>必须先设置新密码才能登录。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Find the applicant</source>
        <translation>查找申请人</translation>
    </message>
    <message>
        <source>Type the applicant&apos;s ID number and press Enter. A person already on file keeps their household file: it is reused, never duplicated.</source>
        <translation>输入申请人身份证号后按回车。已在档的人员沿用原家庭档案，不重复建档。</translation>
    </message>
    <message>
        <source>18-digit ID number</source>
        <translation>18位身份证号</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>查找(&amp;L)</translation>
    </message>
    <message>
        <source>Applicant&apos;s &amp;ID number:</source>
        <translation>申请人身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not on file.&lt;/b&gt; A new household file will be made ({sex}, born {born}).</source>
        <translation>&lt;b&gt;未在档。&lt;/b&gt;将新建家庭档案（{sex}，{born}出生）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name} is on file&lt;/b&gt; in the household of {head}, {village}. This household file is used; check it in the household files if anything changed.&lt;br&gt;&lt;br&gt;{members}</source>
        <translation>&lt;b&gt;{name}已在档&lt;/b&gt;，属{village}{head}户。本次申请沿用该户档案；如家庭情况有变化，请在家庭档案中核对更新。&lt;br&gt;&lt;br&gt;{members}</translation>
    </message>
    <message>
        <source>Applications already open: {cases}</source>
        <translation>正在办理或在保的申请：{cases}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Jiuzhu: {installation}</source>
        <translation>救助通 - {installation}</translation>
    </message>
    <message>
        <source>{title} (Ctrl+{number})</source>
        <translation>{title}（Ctrl+{number}）</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Household files</source>
        <translation>家庭档案</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请办理</translation>
    </message>
    <message>
        <source>Public notices</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Dynamic management</source>
        <translation>动态管理</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>Assistance &amp;standards</source>
        <translation>保障标准(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>用户管理(&amp;U)</translation>
    </message>
    <message>
        <source>Export the bundle for the county and import its decisions and standards, by USB stick.</source>
        <translation>将在这里导出上报县局的数据包，并导入县局下发的审批结果和保障标准（U盘传递）。</translation>
    </message>
    <message>
        <source>&amp;Bundles</source>
        <translation>数据包(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Stations</source>
        <translation>工作站(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Townships</source>
        <translation>各乡镇概况(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s work</source>
        <translation>今日工作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Awaiting decision</source>
        <translation>待审批(&amp;A)</translation>
    </message>
    <message>
        <source>All &amp;cases</source>
        <translation>全部申请(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Adjustments proposed</source>
        <translation>调整审批(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reviews</source>
        <translation>复核(&amp;R)</translation>
    </message>
    <message>
        <source>Data &amp;matching</source>
        <translation>信息比对(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Find household</source>
        <translation>查找家庭(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import Excel ledger…</source>
        <translation>导入Excel台账(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Excel ledger…</source>
        <translation>导出Excel台账(&amp;E)…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Sign &amp;out / switch user</source>
        <translation>注销 / 切换用户(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Jiuzhu</source>
        <translation>关于救助通(&amp;A)</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Export Excel ledger</source>
        <translation>导出Excel台账</translation>
    </message>
    <message>
        <source>ledger.xlsx</source>
        <translation>台账.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Jiuzhu {version}&lt;/h3&gt;&lt;p&gt;Offline casework for township social-assistance offices: minimum living allowance, support for people in extreme poverty and temporary assistance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;救助通 {version}&lt;/h3&gt;&lt;p&gt;乡镇社会救助经办离线系统：最低生活保障、特困人员救助供养和临时救助。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Jiuzhu</source>
        <translation>关于救助通</translation>
    </message>
    <message>
        <source>{user} | {role} | {installation}</source>
        <translation>{user} | {role} | {installation}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>核对列对应</translation>
    </message>
    <message>
        <source>Check which column holds each field. The guess comes from the column titles (and from your choices last time); change any that is wrong.</source>
        <translation>请核对每个字段对应表中的哪一列。系统根据列标题（以及您上次的选择）自动对应，如有不对请改正。</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>Ledger field</source>
        <translation>台账字段</translation>
    </message>
    <message>
        <source>Column in the sheet</source>
        <translation>表中的列</translation>
    </message>
    <message>
        <source>&amp;Remember this mapping for the next ledger</source>
        <translation>下次导入时沿用本次列对应(&amp;R)</translation>
    </message>
    <message>
        <source>First rows of the sheet:</source>
        <translation>表中前几行：</translation>
    </message>
    <message>
        <source>Every sheet with a ledger header</source>
        <translation>所有含台账表头的工作表</translation>
    </message>
    <message>
        <source>(not in this ledger)</source>
        <translation>（本台账无此列）</translation>
    </message>
    <message>
        <source>Choose the columns of the name and of the ID number at least.</source>
        <translation>至少要选择“姓名”和“身份证号”所在的列。</translation>
    </message>
</context>
<context>
    <name>MatchFlagsModel</name>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Township / village</source>
        <translation>乡镇/村</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Person matched</source>
        <translation>比对人员</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>保障对象</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>家庭成员</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>Data matching is done at the county master, not at a station.</source>
        <translation>信息比对在县级主库办理，乡镇工作站不能办理。</translation>
    </message>
    <message>
        <source>Only county staff and the county head may import lists and clear or act on flags; {role} may read them.</source>
        <translation>只有县级经办人和县级负责人可以导入比对名单、核销或处理疑点；{role}只能查阅。</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部名单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>&amp;Import a list…</source>
        <translation>导入比对名单(&amp;I)…</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>&amp;Clear…</source>
        <translation>核销(&amp;C)…</translation>
    </message>
    <message>
        <source>The finding does not affect the assistance (Ctrl+D)</source>
        <translation>经核实不影响保障，予以核销（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Act…</source>
        <translation>处理(&amp;A)…</translation>
    </message>
    <message>
        <source>Stop the share of a deceased person, or schedule a review (Ctrl+E)</source>
        <translation>死亡人员停发其保障金，其他疑点安排家庭复核（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Open the case</source>
        <translation>打开案卷(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>名单(&amp;L)：</translation>
    </message>
    <message>
        <source>Data matching</source>
        <translation>信息比对</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} open flags, {deaths} from death lists</source>
        <translation>待处理疑点{n}条，其中死亡火化{deaths}条</translation>
    </message>
    <message>
        <source>Matching {file} against the households receiving assistance…</source>
        <translation>正在将 {file} 与在保家庭比对…</translation>
    </message>
    <message>
        <source>The import was stopped; nothing was written.</source>
        <translation>已停止导入，未写入任何数据。</translation>
    </message>
    <message>
        <source>{list}: {rows} rows read ({unreadable} unreadable); {matched} matches, {new} new flags, {already} already flagged.</source>
        <translation>{list}名单：读取{rows}行（无法识别{unreadable}行），命中{matched}人次，新增疑点{new}条，已有疑点{already}条。</translation>
    </message>
    <message>
        <source>The flag was cleared.</source>
        <translation>疑点已核销。</translation>
    </message>
    <message>
        <source>The flag was handled.</source>
        <translation>疑点已处理。</translation>
    </message>
</context>
<context>
    <name>MeansPage</name>
    <message>
        <source>Income and assets</source>
        <translation>收入和财产</translation>
    </message>
    <message>
        <source>Income over the period the county counts (often 12 months); the estimate follows the rules.</source>
        <translation>按本地规定的计算期（通常为12个月）录入收入；测算结果按保障标准和计算规则得出。</translation>
    </message>
    <message>
        <source> months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>&amp;Add income</source>
        <translation>添加收入(&amp;A)</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Remove the chosen income</source>
        <translation>删除所选收入</translation>
    </message>
    <message>
        <source>Income kind</source>
        <translation>收入类别</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>what, where, how many</source>
        <translation>名称、位置、数量</translation>
    </message>
    <message>
        <source>E&amp;xempt</source>
        <translation>豁免(&amp;X)</translation>
    </message>
    <message>
        <source>Add a&amp;sset</source>
        <translation>添加财产(&amp;S)</translation>
    </message>
    <message>
        <source>Asset kind</source>
        <translation>财产类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>价值（元）</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>豁免</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>成员(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>Amount (&amp;Y):</source>
        <translation>金额(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Over:</source>
        <translation>期间(&amp;O)：</translation>
    </message>
    <message>
        <source>Asse&amp;t:</source>
        <translation>财产(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>价值(&amp;V)：</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>测算</translation>
    </message>
    <message>
        <source>household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>Type the amount in yuan.</source>
        <translation>请填写金额（元）。</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Household members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Everyone living together, head first. The ID number fills in sex and date of birth.</source>
        <translation>录入全部共同生活家庭成员，户主在前。输入身份证号后自动填写性别和出生日期。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无残疾</translation>
    </message>
    <message>
        <source>grade </source>
        <translation>等级 </translation>
    </message>
    <message>
        <source>St&amp;udent</source>
        <translation>在校生(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>添加成员(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>Relation to &amp;head:</source>
        <translation>与户主关系(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>性别(&amp;S)：</translation>
    </message>
    <message>
        <source>Date of bir&amp;th:</source>
        <translation>出生日期(&amp;T)：</translation>
    </message>
    <message>
        <source>H&amp;ealth:</source>
        <translation>健康状况(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Disability:</source>
        <translation>残疾类别(&amp;D)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对提示</translation>
    </message>
    <message>
        <source>Type the member&apos;s name.</source>
        <translation>请填写成员姓名。</translation>
    </message>
    <message>
        <source>This ID number is already in the list.</source>
        <translation>该身份证号已在成员列表中。</translation>
    </message>
    <message>
        <source>Exactly one member must be the head of household (户主 or 本人).</source>
        <translation>家庭成员中必须有且只有一名户主（与户主关系为“户主”或“本人”）。</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Lives in the household</source>
        <translation>共同生活</translation>
    </message>
    <message>
        <source>Why the member no longer lives in the household</source>
        <translation>不再共同生活的原因</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>添加成员(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Update selected</source>
        <translation>修改所选成员(&amp;U)</translation>
    </message>
    <message>
        <source>Mo&amp;ved out</source>
        <translation>移出本户(&amp;V)</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>Relation to &amp;head:</source>
        <translation>与户主关系(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>性别(&amp;S)：</translation>
    </message>
    <message>
        <source>Date of bir&amp;th:</source>
        <translation>出生日期(&amp;T)：</translation>
    </message>
    <message>
        <source>H&amp;ealth:</source>
        <translation>健康状况(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Reason moved out:</source>
        <translation>移出原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Select the member to update.</source>
        <translation>请先选择要修改的成员。</translation>
    </message>
    <message>
        <source>Select the member who moved out.</source>
        <translation>请先选择要移出本户的成员。</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>&amp;Build and preview</source>
        <translation>生成并预览(&amp;B)</translation>
    </message>
    <message>
        <source>one file per village, into a folder</source>
        <translation>每个村（居）一个文件，存入文件夹</translation>
    </message>
    <message>
        <source>all villages in one PDF</source>
        <translation>所有村（居）合成一个PDF</translation>
    </message>
    <message>
        <source>Print for &amp;all villages…</source>
        <translation>为所有村（居）打印(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Kind of notice:</source>
        <translation>公示类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Public notices for the village board</source>
        <translation>村务公开栏公示</translation>
    </message>
    <message>
        <source>Notices show only the name, household size, category and amount: never ID numbers, accounts, phones, health or disability details.</source>
        <translation>公示只显示姓名、保障人数、类别和金额，绝不显示身份证号、银行账号、电话、健康或残疾情况。</translation>
    </message>
    <message>
        <source>Choose a village first.</source>
        <translation>请先选择村（社区）。</translation>
    </message>
    <message>
        <source>Building the notice…</source>
        <translation>正在生成公示…</translation>
    </message>
    <message>
        <source>Folder to write the notices to</source>
        <translation>选择存放公示文件的文件夹</translation>
    </message>
    <message>
        <source>Save the notices as</source>
        <translation>公示另存为</translation>
    </message>
    <message>
        <source>Printing the notices of all villages…</source>
        <translation>正在打印所有村（居）的公示……</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written to {folder}.</source>
        <translation>
            <numerusform>已写出 %n 个文件到 {folder}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a notice in the list first.</source>
        <translation>请先在列表中选择一份公示。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s).</source>
        <translation>
            <numerusform>共%n页。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sync passphrase</source>
        <translation>同步口令</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>PaymentLinesModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Bank result</source>
        <translation>银行回盘</translation>
    </message>
</context>
<context>
    <name>PaymentModels</name>
    <message>
        <source>Paid</source>
        <translation>已到账</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>银行退回</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>To check</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>疑点类型</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>疑点内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>核销说明</translation>
    </message>
</context>
<context>
    <name>PaymentRunTab</name>
    <message>
        <source>Payment lines</source>
        <translation>发放明细</translation>
    </message>
    <message>
        <source>Month: {month}</source>
        <translation>月份：{month}</translation>
    </message>
    <message>
        <source>Preparing the payment run…</source>
        <translation>正在生成发放名册…</translation>
    </message>
    <message>
        <source>Draft prepared: {n} households.</source>
        <translation>发放名册草稿已生成：{n}户。</translation>
    </message>
    <message>
        <source>Approving the payment run…</source>
        <translation>正在审批发放名册…</translation>
    </message>
    <message>
        <source>Approved and frozen: {n} households.</source>
        <translation>已审批并冻结：{n}户。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Marked as sent to the bank.</source>
        <translation>已登记名册送银行。</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the roster</source>
        <translation>保存发放名册</translation>
    </message>
    <message>
        <source>Writing the roster…</source>
        <translation>正在写出发放名册…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Importing the bank return…</source>
        <translation>正在导入银行回盘…</translation>
    </message>
    <message>
        <source>Finding cleared.</source>
        <translation>疑点已核销。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Print preview: {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>  Page {page} of {count}  </source>
        <translation>  第{page}页 共{count}页  </translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing cannot start: check that the printer is available.</source>
        <translation>无法开始打印，请检查打印机是否可用。</translation>
    </message>
    <message>
        <source>Sending pages to the printer…</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save to {path}: {error}</source>
        <translation>无法保存到 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Under construction</source>
        <translation>建设中</translation>
    </message>
</context>
<context>
    <name>PostedNoticesBox</name>
    <message>
        <source>Notices up now</source>
        <translation>正在张贴的公示</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（居）</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>公示截止日期</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Posting recorded</source>
        <translation>张贴记录</translation>
    </message>
    <message>
        <source>&amp;Record posting…</source>
        <translation>登记张贴(&amp;R)…</translation>
    </message>
    <message>
        <source>{n} time(s)</source>
        <translation>{n}次</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>No posting recorded for this notice yet.</source>
        <translation>这份公示尚未登记张贴。</translation>
    </message>
    <message>
        <source>{day} at {place}, by {who} (recorded by {user}); photo {photo}</source>
        <translation>{day}在{place}张贴，张贴人{who}（登记人：{user}），照片：{photo}</translation>
    </message>
</context>
<context>
    <name>PostingDialog</name>
    <message>
        <source>Posting of the {kind} of {village}</source>
        <translation>登记{village}{kind}的张贴</translation>
    </message>
    <message>
        <source>village notice board</source>
        <translation>村务公开栏</translation>
    </message>
    <message>
        <source>who put the notice up</source>
        <translation>张贴人姓名</translation>
    </message>
    <message>
        <source>(no photo chosen)</source>
        <translation>（尚未选择照片）</translation>
    </message>
    <message>
        <source>C&amp;hoose photo…</source>
        <translation>选择照片(&amp;H)…</translation>
    </message>
    <message>
        <source>Notice period:</source>
        <translation>公示期：</translation>
    </message>
    <message>
        <source>&amp;Posted on:</source>
        <translation>张贴日期(&amp;P)：</translation>
    </message>
    <message>
        <source>P&amp;lace:</source>
        <translation>张贴地点(&amp;L)：</translation>
    </message>
    <message>
        <source>Posted &amp;by:</source>
        <translation>张贴人(&amp;B)：</translation>
    </message>
    <message>
        <source>Photo:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Photo of the posted notice</source>
        <translation>张贴公示的照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Choose the photo of the posted notice.</source>
        <translation>请选择张贴公示的照片。</translation>
    </message>
    <message>
        <source>The data folder is not known: photos cannot be kept.</source>
        <translation>未知数据目录，无法保存照片。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <source>This is a trial run: nothing has been written yet. Without “accept partial”, any error means nothing is imported.</source>
        <translation>这是试导入，尚未写入任何数据。未勾选“接受部分导入”时，只要有一处错误，就不导入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Accept partial: import the households without errors, list the others</source>
        <translation>接受部分导入：导入无误的户，列出有错误的户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Create villages that are not in the area table (under this township)</source>
        <translation>在本乡镇下新建区划表中没有的村（社区）(&amp;C)</translation>
    </message>
    <message>
        <source>Problems (sheet, row, column, reason):</source>
        <translation>问题（工作表、行、列、原因）：</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>变更：</translation>
    </message>
    <message>
        <source>Checking the ledger…</source>
        <translation>正在检查台账…</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <source>Saved {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>Preliminary notice for {village}</source>
        <translation>{village}初审公示</translation>
    </message>
    <message>
        <source>Forms show ID numbers: village cadres print notices only.</source>
        <translation>表格含身份证号，村干部只能打印公示。</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文档…</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Kind of problem</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <source>Reviewed</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>调整建议</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Paid now (yuan)</source>
        <translation>现发金额（元）</translation>
    </message>
    <message>
        <source>Proposed (yuan)</source>
        <translation>建议金额（元）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Choose a proposal in the list</source>
        <translation>请在左侧列表中选择调整建议</translation>
    </message>
    <message>
        <source>&amp;Agree</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Do not agree</source>
        <translation>不同意(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Submit decision</source>
        <translation>提交审批决定(&amp;S)</translation>
    </message>
    <message>
        <source>Open case &amp;file</source>
        <translation>打开案卷(&amp;F)</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>审批结果：</translation>
    </message>
    <message>
        <source>New monthly a&amp;mount (yuan):</source>
        <translation>调整后月保障金（元）(&amp;M)：</translation>
    </message>
    <message>
        <source>Months of &amp;gradual exit:</source>
        <translation>渐退期（月）(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Rea&amp;sons:</source>
        <translation>理由(&amp;S)：</translation>
    </message>
    <message>
        <source>Adjustments proposed by reviews</source>
        <translation>复核提出的调整建议</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} proposals waiting for the county</source>
        <translation>待县级审批的调整建议{n}条</translation>
    </message>
    <message>
        <source>{head}: {proposal} ({number})</source>
        <translation>{head}：{proposal}（{number}）</translation>
    </message>
    <message>
        <source>Reviewed on {date}. Finding: {finding}. Reason: {reason}. Paid now {paid} yuan a month.</source>
        <translation>{date}复核。复核情况：{finding}。理由：{reason}。现每月发放{paid}元。</translation>
    </message>
    <message>
        <source>Choose the decision: agree or do not agree.</source>
        <translation>请选择审批意见：同意或不同意。</translation>
    </message>
    <message>
        <source>Decision saved.</source>
        <translation>审批决定已保存。</translation>
    </message>
</context>
<context>
    <name>ProvisionDialog</name>
    <message>
        <source>Re-provision a township station</source>
        <translation>重新配置乡镇工作站</translation>
    </message>
    <message>
        <source>Register a township station</source>
        <translation>登记乡镇工作站</translation>
    </message>
    <message>
        <source>The file carries the station&apos;s new keys, sealed with the passphrase below. Give the passphrase to the township separately (by telephone or in person), never with the file.</source>
        <translation>配置文件中是该站的新密钥，用下面的口令加密。口令请另行告知乡镇（电话或当面），不要与文件放在一起。</translation>
    </message>
    <message>
        <source>9-digit township code</source>
        <translation>9位乡镇代码</translation>
    </message>
    <message>
        <source>the USB stick, e.g. E:\</source>
        <translation>U盘，例如 E:\</translation>
    </message>
    <message>
        <source>&amp;Township:</source>
        <translation>乡镇(&amp;T)：</translation>
    </message>
    <message>
        <source>File &amp;passphrase:</source>
        <translation>文件口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再输一次(&amp;R)：</translation>
    </message>
    <message>
        <source>The county has no sync keys yet: this first registration makes them. Choose the county&apos;s sync passphrase; it is asked whenever the county exports or imports bundles.</source>
        <translation>本县还没有同步密钥：这次首次登记将生成密钥。请设置县级同步口令，县里每次导出、导入数据包时都要输入。</translation>
    </message>
    <message>
        <source>&amp;County&apos;s sync passphrase:</source>
        <translation>县级同步口令(&amp;C)：</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>再输一次(&amp;E)：</translation>
    </message>
    <message>
        <source>Write to &amp;folder:</source>
        <translation>写入文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Write provisioning file</source>
        <translation>写入配置文件(&amp;W)</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>Folder to write the file to (USB stick)</source>
        <translation>写入配置文件的文件夹（U盘）</translation>
    </message>
    <message>
        <source>Choose the township, or type its 9-digit code.</source>
        <translation>请选择乡镇，或输入9位乡镇代码。</translation>
    </message>
    <message>
        <source>The file passphrase needs at least {n} characters.</source>
        <translation>文件口令至少需要{n}个字符。</translation>
    </message>
    <message>
        <source>The two file passphrases differ.</source>
        <translation>两次输入的文件口令不一致。</translation>
    </message>
    <message>
        <source>The county&apos;s passphrase needs at least {n} characters.</source>
        <translation>县级同步口令至少需要{n}个字符。</translation>
    </message>
    <message>
        <source>The two county passphrases differ.</source>
        <translation>两次输入的县级同步口令不一致。</translation>
    </message>
    <message>
        <source>Choose the folder to write the file to.</source>
        <translation>请选择写入配置文件的文件夹。</translation>
    </message>
    <message>
        <source>Writing the provisioning file…</source>
        <translation>正在制作配置文件…</translation>
    </message>
</context>
<context>
    <name>RecoverPasswordDialog</name>
    <message>
        <source>Forgotten administrator password</source>
        <translation>忘记管理员密码</translation>
    </message>
    <message>
        <source>Enter the recovery key printed when this computer was set up, and a new password for the administrator. The other accounts keep their passwords; the administrator can then reset theirs in Users.</source>
        <translation>请输入本机设置时打印的恢复密钥，并为管理员设定新密码。其他账户的密码不变；需要时管理员可在“用户管理”中为他们重设。</translation>
    </message>
    <message>
        <source>Recovery &amp;key:</source>
        <translation>恢复密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Administrator:</source>
        <translation>管理员账户(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>再输入一次(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Set new password</source>
        <translation>设置新密码(&amp;S)</translation>
    </message>
    <message>
        <source>Please fill in every field.</source>
        <translation>请填写每一项。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>The database on this computer is encrypted. If every administrator forgets his password, this recovery key is the only way to set a new one. It is shown only now: print it or copy it by hand, and lock it in the office safe with the seal.</source>
        <translation>本机的数据库已加密。如果所有管理员都忘记了密码，只有凭这个恢复密钥才能重设。它只显示这一次：请打印或手抄下来，与公章一起锁入保险柜。</translation>
    </message>
    <message>
        <source>I have printed or copied the recovery key and will keep it safe</source>
        <translation>我已打印或抄下恢复密钥，并会妥善保管</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <source>Jiuzhu recovery key</source>
        <translation>救助通恢复密钥</translation>
    </message>
    <message>
        <source>Made on {date}</source>
        <translation>生成日期：{date}</translation>
    </message>
    <message>
        <source>Keep this page locked in the office safe.</source>
        <translation>请将本页锁入办公室保险柜。</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>Name, pinyin initials (zs) or ID number (Ctrl+F)</source>
        <translation>姓名、拼音首字母（如 zs）或身份证号（Ctrl+F）</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村(居)</translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation>全部救助项目</translation>
    </message>
    <message>
        <source>All case states</source>
        <translation>全部办理状态</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>查找(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Village:</source>
        <translation>村(居)(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>救助项目(&amp;P)：</translation>
    </message>
    <message>
        <source>Sta&amp;te:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Household files</source>
        <translation>家庭档案</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>No household matches.</source>
        <translation>没有符合条件的家庭。</translation>
    </message>
    <message>
        <source>{cap}+ households</source>
        <translation>{cap}+ 户</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>共 %n 户</numerusform>
        </translation>
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <translation>该列不能排序。</translation>
    </message>
    <message>
        <source>{township} (all)</source>
        <translation>{township}（全乡镇）</translation>
    </message>
    <message>
        <source>Filter: {filter}</source>
        <translation>筛选条件：{filter}</translation>
    </message>
    <message>
        <source>Writing the ledger…</source>
        <translation>正在写出台账…</translation>
    </message>
    <message>
        <source>Ledger written: {households} households, {persons} persons.</source>
        <translation>台账已导出：{households}户，{persons}人。</translation>
    </message>
</context>
<context>
    <name>ReportStatsTab</name>
    <message>
        <source>Monthly statistics report</source>
        <translation>统计月报</translation>
    </message>
    <message>
        <source>Year summary</source>
        <translation>年度汇总</translation>
    </message>
    <message>
        <source>&amp;Show figures</source>
        <translation>查看数据(&amp;S)</translation>
    </message>
    <message>
        <source>Save as &amp;Excel…</source>
        <translation>导出Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>导出PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Temporary assistance confirmed in the month</source>
        <translation>本月确认的临时救助</translation>
    </message>
    <message>
        <source>No temporary assistance was confirmed in this month.</source>
        <translation>本月没有确认的临时救助。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>New households</source>
        <translation>新增户数</translation>
    </message>
    <message>
        <source>Exited households</source>
        <translation>退出户数</translation>
    </message>
    <message>
        <source>Living allowance (yuan)</source>
        <translation>低保金（元）</translation>
    </message>
    <message>
        <source>Top-ups (yuan)</source>
        <translation>分类施保金（元）</translation>
    </message>
    <message>
        <source>Total (yuan)</source>
        <translation>合计（元）</translation>
    </message>
    <message>
        <source>Per person (yuan)</source>
        <translation>人均补助（元）</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>急难型</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>支出型</translation>
    </message>
    <message>
        <source>{need}: times</source>
        <translation>{need}人次</translation>
    </message>
    <message>
        <source>{need} (yuan)</source>
        <translation>{need}金额（元）</translation>
    </message>
    <message>
        <source>Total times</source>
        <translation>合计人次</translation>
    </message>
    <message>
        <source>Total amount (yuan)</source>
        <translation>合计金额（元）</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>数据来源：{source}</translation>
    </message>
    <message>
        <source>Payments count approved runs only.</source>
        <translation>发放资金只统计已审批的发放批次。</translation>
    </message>
    <message>
        <source>Households assisted</source>
        <translation>救助户数</translation>
    </message>
    <message>
        <source>Persons assisted</source>
        <translation>救助人数</translation>
    </message>
    <message>
        <source>Person-months paid</source>
        <translation>累计发放人次（人·月）</translation>
    </message>
    <message>
        <source>Funds paid (yuan)</source>
        <translation>发放资金（元）</translation>
    </message>
    <message>
        <source>Share paid through the bank</source>
        <translation>银行代发比例</translation>
    </message>
    <message>
        <source>Temporary assistance: cases</source>
        <translation>临时救助件数</translation>
    </message>
    <message>
        <source>Temporary assistance (yuan)</source>
        <translation>临时救助金额（元）</translation>
    </message>
    <message>
        <source>Reviews done on time</source>
        <translation>按时复核比例</translation>
    </message>
    <message>
        <source>Decisions within the time limit</source>
        <translation>按时限审批比例</translation>
    </message>
    <message>
        <source>Notices posted</source>
        <translation>张榜公示次数</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在写出报表…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>New households: {created}. Updated: {updated}. Unchanged: {unchanged}. Refused for errors: {refused}. New persons: {persons}. Errors: {errors}, warnings: {warnings}.</source>
        <translation>新建{created}户，更新{updated}户，未变{unchanged}户，因错误未导入{refused}户，新增{persons}人。错误{errors}条，提示{warnings}条。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Monthly payments</source>
        <translation>发放(&amp;M)</translation>
    </message>
    <message>
        <source>S&amp;tatistics reports</source>
        <translation>统计报表(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Township statistics</source>
        <translation>本乡镇统计(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>新密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation>再输入一次(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>设置密码(&amp;S)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore the database from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>Restoring replaces this computer&apos;s whole database with the backup. Only a backup of this installation can be restored; choose the file to see what it holds.</source>
        <translation>恢复会用备份替换这台电脑上的整个数据库。只能恢复本机的备份；选择文件后，下面会显示备份的内容。</translation>
    </message>
    <message>
        <source>a backup file (.zip, or .sqlite3 made before encryption)</source>
        <translation>备份文件（.zip，或加密以前的 .sqlite3）</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>This installation:</source>
        <translation>本机：</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>备份文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Installation:</source>
        <translation>备份所属：</translation>
    </message>
    <message>
        <source>Data as of:</source>
        <translation>数据截至：</translation>
    </message>
    <message>
        <source>File written:</source>
        <translation>文件时间：</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Database version:</source>
        <translation>数据库版本：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before you restore:&lt;/b&gt; everything entered on this computer after the backup was made is lost (the database now in use is first copied into the data folder&apos;s backups). Accounts and passwords go back to the backup&apos;s. The sync keys are not in a backup: this computer keeps its own, but the backup&apos;s record of bundles sent and received goes back too. If the county re-keyed this station, or bundles were exchanged after the backup, ask the county to check the station&apos;s sync (it may need to be provisioned again). Everyone signs in again afterwards.</source>
        <translation>&lt;b&gt;恢复之前请注意：&lt;/b&gt;备份之后在这台电脑上录入的一切都会丢失（正在使用的数据库会先另存到数据文件夹的 backups 中）。账户和密码也回到备份时的状态。同步密钥不在备份中：本机保留自己的密钥，但备份中收发数据包的记录也会回到备份时。如果备份之后县里重新配置过本站的密钥，或者备份之后与县里交换过数据包，请恢复后请县里核对本站的同步情况（可能需要重新配置工作站）。恢复后所有用户都要重新登录。</translation>
    </message>
    <message>
        <source>I have read this and want to &amp;replace the database</source>
        <translation>我已阅读上述说明，确定要替换数据库(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Jiuzhu backups (*.zip *.sqlite3 *.db);;All files (*)</source>
        <translation>救助通备份 (*.zip *.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{households} households, {persons} persons, {cases} cases, {users} accounts</source>
        <translation>{households}户，{persons}人，{cases}件申请，{users}个账户</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>&amp;Save the errors workbook…</source>
        <translation>保存问题清单(&amp;S)…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The ledger has been imported.</source>
        <translation>台账已导入。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何数据。</translation>
    </message>
    <message>
        <source>Save the errors workbook</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月保障金（元）</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <source>Choose a household in the list</source>
        <translation>请在左侧选择一户</translation>
    </message>
    <message>
        <source>Income is s&amp;table</source>
        <translation>收入稳定(&amp;T)</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>维持不变</translation>
    </message>
    <message>
        <source>Increase</source>
        <translation>增发</translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation>减发</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停发</translation>
    </message>
    <message>
        <source>Gradual exit</source>
        <translation>渐退</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source> months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>&amp;Save review</source>
        <translation>保存复核(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open the case</source>
        <translation>打开案卷(&amp;O)</translation>
    </message>
    <message>
        <source>Revie&amp;wed on:</source>
        <translation>复核日期(&amp;W)：</translation>
    </message>
    <message>
        <source>Fin&amp;ding:</source>
        <translation>复核情况(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Proposal:</source>
        <translation>处理建议(&amp;P)：</translation>
    </message>
    <message>
        <source>New monthly &amp;amount (yuan):</source>
        <translation>调整后月保障金（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>Gradual exit &amp;lasts:</source>
        <translation>渐退期(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>{head} · {number}</source>
        <translation>{head}户 · {number}</translation>
    </message>
    <message>
        <source>Paid now: &lt;b&gt;{amount}&lt;/b&gt; yuan a month</source>
        <translation>现发：每月&lt;b&gt;{amount}&lt;/b&gt;元</translation>
    </message>
    <message>
        <source>By the file today: &lt;b&gt;{amount}&lt;/b&gt; yuan ({reason})</source>
        <translation>按现有档案测算：&lt;b&gt;{amount}&lt;/b&gt;元（{reason}）</translation>
    </message>
    <message>
        <source>By the file today: {reason}</source>
        <translation>按现有档案测算：{reason}</translation>
    </message>
    <message>
        <source>Last review: {finding}</source>
        <translation>上次复核：{finding}</translation>
    </message>
    <message>
        <source>By the file today the suggestion would be: {proposal}</source>
        <translation>按现有档案测算，建议为：{proposal}</translation>
    </message>
    <message>
        <source>Choose the proposal: no change, increase, reduce, stop or gradual exit.</source>
        <translation>请选择处理建议：维持不变、增发、减发、停发或渐退。</translation>
    </message>
    <message>
        <source>Review saved. Choose the next household.</source>
        <translation>复核已保存。请选择下一户。</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <source>Due within 30 days or overdue</source>
        <translation>30天内到期及已逾期</translation>
    </message>
    <message>
        <source>Every open review</source>
        <translation>全部未复核</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>列表(&amp;Q)：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reviews are recorded by the township office; {role} may read them.</source>
        <translation>复核由乡镇民政办登记；{role}只能查阅。</translation>
    </message>
    <message>
        <source>Reviews due</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{n} households to review, {overdue} overdue</source>
        <translation>待复核{n}户，其中逾期{overdue}户</translation>
    </message>
    <message>
        <source>Review saved; the next one is scheduled.</source>
        <translation>复核已保存，已排定下次复核日期。</translation>
    </message>
</context>
<context>
    <name>RunForm</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>生成名册(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Approve and freeze</source>
        <translation>审批并冻结(&amp;A)</translation>
    </message>
    <message>
        <source>Roster as &amp;Excel…</source>
        <translation>导出名册Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Roster as P&amp;DF…</source>
        <translation>导出名册PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Roster for p&amp;osting…</source>
        <translation>张贴用名册(&amp;O)…</translation>
    </message>
    <message>
        <source>A PDF with ID and account numbers masked, for the notice board.</source>
        <translation>身份证号和银行账号隐去中间位数的PDF，可张贴公示。</translation>
    </message>
    <message>
        <source>Mark &amp;sent to the bank</source>
        <translation>登记已送银行(&amp;S)</translation>
    </message>
    <message>
        <source>Import bank &amp;return…</source>
        <translation>导入银行回盘(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Clear finding…</source>
        <translation>核销疑点(&amp;C)…</translation>
    </message>
    <message>
        <source>No findings. When the roster is made, anyone paid twice and any account shared by several households are listed here.</source>
        <translation>没有疑点。生成名册时，重复享受和多户共用账号的情况列在这里。</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>Findings to check (paid twice, shared account)</source>
        <translation>待核疑点（重复享受、多户共用账号）</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>重新生成(&amp;G)</translation>
    </message>
    <message>
        <source>Approve the payment run</source>
        <translation>审批发放名册</translation>
    </message>
    <message>
        <source>Bank return file</source>
        <translation>银行回盘文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Clear the finding</source>
        <translation>核销疑点</translation>
    </message>
    <message>
        <source>What did the check find?</source>
        <translation>核实情况：</translation>
    </message>
</context>
<context>
    <name>RunTexts</name>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>{month}: no payment run yet</source>
        <translation>{month}：尚未生成发放批次</translation>
    </message>
    <message>
        <source>{month}: draft, not approved</source>
        <translation>{month}：草稿，未审批</translation>
    </message>
    <message>
        <source>{month}: approved on {date} (frozen)</source>
        <translation>{month}：已于{date}审批（名册已冻结）</translation>
    </message>
    <message>
        <source>{month}: approved on {date}, sent to the bank</source>
        <translation>{month}：已于{date}审批，已送银行</translation>
    </message>
    <message>
        <source>{month}: approved on {date}, every bank result is in (closed)</source>
        <translation>{month}：已于{date}审批，银行已全部回盘（已结清）</translation>
    </message>
    <message>
        <source>Prepare the run to list the households paid this month.</source>
        <translation>请先生成发放名册，列出本月应发放的家庭。</translation>
    </message>
    <message>
        <source>{households} households, {persons} persons. Living allowance {base} yuan, category top-ups {topup} yuan, total {total} yuan.</source>
        <translation>{households}户{persons}人；低保金{base}元，分类施保金{topup}元，合计{total}元。</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) to check.</source>
        <translation>
            <numerusform>待核疑点%n条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Bank results: paid {paid} ({paid_fen} yuan), returned {failed} ({failed_fen} yuan), no result yet {outstanding}.</source>
        <translation>银行回盘：成功{paid}户（{paid_fen}元），退回{failed}户（{failed_fen}元），尚无结果{outstanding}户。</translation>
    </message>
    <message>
        <source>Bank return imported ({rows} rows): paid {paid}, returned {failed}, no result yet {outstanding}.</source>
        <translation>已导入银行回盘{rows}行：成功{paid}户，退回{failed}户，尚无结果{outstanding}户。</translation>
    </message>
    <message>
        <source>Only the county head approves the payment run.</source>
        <translation>只有县级负责人可以审批发放名册。</translation>
    </message>
    <message>
        <source>The run is approved and frozen; changes take effect from the next month&apos;s run.</source>
        <translation>本月发放批次已审批，名册已冻结；此后的变更从下一批次起生效。</translation>
    </message>
    <message>
        <source>Approve the payment run of {month}? The roster is recomputed once more and then frozen: later changes take effect from the next month&apos;s run.</source>
        <translation>审批{month}的发放名册？名册将按当前档案最后计算一次后冻结，此后的变更从下一批次起生效。</translation>
    </message>
</context>
<context>
    <name>ScansTab</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小（KB）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. signed authorisation</source>
        <translation>如：核对授权书</translation>
    </message>
    <message>
        <source>Add &amp;scan…</source>
        <translation>添加扫描件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Kind of form:</source>
        <translation>材料类别：</translation>
    </message>
    <message>
        <source>Add a scan</source>
        <translation>添加扫描件</translation>
    </message>
    <message>
        <source>Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>扫描件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The language changes when the program is started again.</source>
        <translation>重新启动程序后切换语言。</translation>
    </message>
    <message>
        <source>Office details printed on notices</source>
        <translation>公示上印制的单位信息</translation>
    </message>
    <message>
        <source>Office &amp;name:</source>
        <translation>单位名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Hotline:</source>
        <translation>服务热线(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Save office details</source>
        <translation>保存单位信息(&amp;S)</translation>
    </message>
    <message>
        <source>Only the administrator or the head of the office may change these.</source>
        <translation>只有系统管理员或单位负责人可以修改。</translation>
    </message>
    <message>
        <source>Share of the cases sent up that the county visits at random (2012 rules).</source>
        <translation>按2012年办法，县级对报县审核的申请随机入户抽查的比例。</translation>
    </message>
    <message>
        <source>Publish the new opinion a&amp;gain after an objection</source>
        <translation>异议复查后重新公示初审意见(&amp;G)</translation>
    </message>
    <message>
        <source>By the national rules the opinion made after an objection goes straight to the county; tick this only where local rules ask for a second notice.</source>
        <translation>按国家规定，公示有异议、经重新调查或民主评议后重新提出的初审意见直接报送县级；只有本地规定须再次公示时才勾选此项。</translation>
    </message>
    <message>
        <source>Save &amp;rules</source>
        <translation>保存规则(&amp;R)</translation>
    </message>
    <message>
        <source>Procedure rules</source>
        <translation>办理规则</translation>
    </message>
    <message>
        <source>Rule &amp;mode:</source>
        <translation>办理规则(&amp;M)：</translation>
    </message>
    <message>
        <source>Notice &amp;days:</source>
        <translation>公示天数(&amp;D)：</translation>
    </message>
    <message>
        <source>Days &amp;counted as:</source>
        <translation>天数计算方式(&amp;C)：</translation>
    </message>
    <message>
        <source>County &amp;spot checks:</source>
        <translation>县级入户抽查比例(&amp;S)：</translation>
    </message>
    <message>
        <source>Set by the county bureau and sent to the townships with the sync bundles.</source>
        <translation>由县级民政部门统一设置，随同步数据包下发到各乡镇。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Save &amp;lock time</source>
        <translation>保存锁屏时间(&amp;L)</translation>
    </message>
    <message>
        <source>Screen lock on this computer</source>
        <translation>本机锁屏</translation>
    </message>
    <message>
        <source>Lock after no &amp;input for:</source>
        <translation>无操作多久后锁屏(&amp;I)：</translation>
    </message>
    <message>
        <source>Only the administrator or the head of the office may change this.</source>
        <translation>只有系统管理员或单位负责人可以修改。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Holidays and make-up working days</source>
        <translation>法定节假日和调休上班日</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Office details saved.</source>
        <translation>单位信息已保存。</translation>
    </message>
    <message>
        <source>Rules saved.</source>
        <translation>办理规则已保存。</translation>
    </message>
    <message>
        <source>The screen now locks after {n} minutes without input.</source>
        <translation>已保存：无操作 {n} 分钟后锁屏。</translation>
    </message>
</context>
<context>
    <name>StandardDialog</name>
    <message>
        <source>Edit the standard</source>
        <translation>修改保障标准</translation>
    </message>
    <message>
        <source>New standard</source>
        <translation>新增保障标准</translation>
    </message>
    <message>
        <source>e.g. the document that set it</source>
        <translation>如：制定标准的文件</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>地区(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Urban/rural:</source>
        <translation>城乡(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>救助项目(&amp;P)：</translation>
    </message>
    <message>
        <source>A&amp;mount (yuan):</source>
        <translation>金额（元）(&amp;M)：</translation>
    </message>
    <message>
        <source>In &amp;force from:</source>
        <translation>执行日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enter the amount of the standard.</source>
        <translation>请填写保障标准金额。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>StandardsEditor</name>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>&amp;New standard…</source>
        <translation>新增标准(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>保障标准</translation>
    </message>
    <message>
        <source>&amp;Save the rules</source>
        <translation>保存计算规则(&amp;S)</translation>
    </message>
    <message>
        <source>How the amount is calculated</source>
        <translation>保障金计算规则</translation>
    </message>
    <message>
        <source>Standards and calculation rules are set by the county bureau and arrive with its bundles; they can only be changed at the county.</source>
        <translation>保障标准和计算规则由县民政局制定，随回执包下发；只能在县级主库修改。</translation>
    </message>
    <message>
        <source>Only county staff, the county head or the administrator may change these.</source>
        <translation>只有县级经办人、县局负责人或管理员可以修改。</translation>
    </message>
    <message>
        <source>Standard saved: {area} {urban_rural} {amount} yuan from {day}.</source>
        <translation>保障标准已保存：{area}{urban_rural}{amount}元，自{day}起执行。</translation>
    </message>
    <message>
        <source>Delete the standard</source>
        <translation>删除保障标准</translation>
    </message>
    <message>
        <source>Delete the standard of {area} from {day}? It is not yet in force.</source>
        <translation>删除{area}自{day}起执行的保障标准？该标准尚未生效。</translation>
    </message>
    <message>
        <source>The standard was deleted.</source>
        <translation>保障标准已删除。</translation>
    </message>
    <message>
        <source>Calculation rules saved.</source>
        <translation>计算规则已保存。</translation>
    </message>
</context>
<context>
    <name>StandardsModel</name>
    <message>
        <source>In force</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Not yet in force</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已调整</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Urban/rural</source>
        <translation>城乡</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>A month (yuan)</source>
        <translation>折合每月（元）</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>执行日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Choose the township, or type its 9-digit division code.</source>
        <translation>请选择乡镇，或输入其9位区划代码。</translation>
    </message>
    <message>
        <source>Optional: needed only for a township not in the list</source>
        <translation>选填：仅列表中没有的乡镇需要填写</translation>
    </message>
    <message>
        <source>County &amp;code:</source>
        <translation>县级区划代码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Township:</source>
        <translation>乡镇(&amp;T)：</translation>
    </message>
    <message>
        <source>Township &amp;name:</source>
        <translation>乡镇名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>&amp;Register a station…</source>
        <translation>登记工作站(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;voke keys…</source>
        <translation>吊销密钥(&amp;V)…</translation>
    </message>
    <message>
        <source>Re-&amp;provision…</source>
        <translation>重新配置(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Accept audit break…</source>
        <translation>接受审计链断裂(&amp;A)…</translation>
    </message>
    <message>
        <source>Register each township&apos;s station and write its provisioning file to a USB stick; tell the township the passphrase separately. When a station&apos;s laptop is lost, revoke its keys (its bundles are refused from then on), then re-provision it for the new computer.</source>
        <translation>为每个乡镇登记工作站，并把配置文件写到U盘；口令另行告知乡镇。工作站电脑丢失时，先吊销它的密钥（此后该站的数据包一律拒收），再为新电脑重新配置。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>配置时间</translation>
    </message>
    <message>
        <source>Last bundle in</source>
        <translation>最近上报包</translation>
    </message>
    <message>
        <source>Last return bundle</source>
        <translation>最近回执包</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂存</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Township stations</source>
        <translation>乡镇工作站</translation>
    </message>
    <message>
        <source>Station {code} {name} provisioned: the file is {file}. Tell the township its passphrase separately.</source>
        <translation>已配置工作站 {code} {name}：配置文件为 {file}。请另行把口令告知该乡镇。</translation>
    </message>
    <message>
        <source>Revoke the station&apos;s keys</source>
        <translation>吊销工作站密钥</translation>
    </message>
    <message>
        <source>Revoke the keys of station {code} {name}? Its bundles are refused from then on, and the {held} bundle(s) held for it are deleted. Re-provision it afterwards for its new computer.</source>
        <translation>吊销工作站 {code} {name} 的密钥吗？此后该站的数据包一律拒收，为它暂存的 {held} 个数据包将被删除。之后请为它的新电脑重新配置。</translation>
    </message>
    <message>
        <source>Keys of station {code} {name} revoked; {dropped} held bundle(s) deleted.</source>
        <translation>已吊销工作站 {code} {name} 的密钥；删除暂存数据包 {dropped} 个。</translation>
    </message>
    <message>
        <source>Accept the audit break</source>
        <translation>接受审计链断裂</translation>
    </message>
    <message>
        <source>A bundle of station {code} {name} is held: {reason}. Accept this break only after checking with the township (a restored backup? someone editing the database file?). Accept it once?</source>
        <translation>乡镇工作站 {code} {name} 的数据包已暂存：{reason}。请先与乡镇核实（是否恢复过备份？是否有人直接改动过数据库文件？）再接受。接受这一次吗？</translation>
    </message>
    <message>
        <source>The audit break of station {code} {name} is accepted once: import its held bundle again on the Bundles tab.</source>
        <translation>已接受乡镇工作站 {code} {name} 审计链的断裂（仅此一次）：请在“数据包”页签重新导入其暂存的数据包。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>No. {seq}, {time}</source>
        <translation>第{seq}号 {time}</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>differs: a full re-sync follows</source>
        <translation>不一致，将重新全量同步</translation>
    </message>
    <message>
        <source>changes in transit, not checked</source>
        <translation>有变更在途，暂不核对</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Legal basis: {basis}</source>
        <translation>依据：{basis}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Whether the household meets the conditions, and why</source>
        <translation>该户是否符合条件及理由</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>初审意见(&amp;O)：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>签署人：</translation>
    </message>
    <message>
        <source>as the rules give</source>
        <translation>按标准计算</translation>
    </message>
    <message>
        <source>Monthly &amp;amount (yuan):</source>
        <translation>月保障金（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Months of gradual exit:</source>
        <translation>渐退月数(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>调查方式(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Started on:</source>
        <translation>开始日期(&amp;S)：</translation>
    </message>
    <message>
        <source>more names, separated by 、</source>
        <translation>其他人员，用“、”分隔</translation>
    </message>
    <message>
        <source>Staff &amp;1:</source>
        <translation>调查人员一(&amp;1)：</translation>
    </message>
    <message>
        <source>Staff &amp;2:</source>
        <translation>调查人员二(&amp;2)：</translation>
    </message>
    <message>
        <source>Other staff:</source>
        <translation>其他人员：</translation>
    </message>
    <message>
        <source>&amp;Finished on</source>
        <translation>完成日期(&amp;F)</translation>
    </message>
    <message>
        <source>Meets the conditions</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Does not meet the conditions</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Not concluded</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>&amp;Conclusion:</source>
        <translation>调查结论(&amp;C)：</translation>
    </message>
    <message>
        <source>F&amp;indings:</source>
        <translation>调查情况(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>评议日期(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Chair:</source>
        <translation>主持人(&amp;C)：</translation>
    </message>
    <message>
        <source>Recor&amp;der:</source>
        <translation>记录人(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Attending</source>
        <translation>参会人数(&amp;A)</translation>
    </message>
    <message>
        <source>Resident &amp;representatives</source>
        <translation>居民代表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>同意(&amp;F)</translation>
    </message>
    <message>
        <source>A&amp;gainst</source>
        <translation>反对(&amp;G)</translation>
    </message>
    <message>
        <source>Abs&amp;tain</source>
        <translation>弃权(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>评议记录(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>收到日期(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>反映方式(&amp;H)：</translation>
    </message>
    <message>
        <source>Given under a real &amp;name</source>
        <translation>实名反映(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Objection:</source>
        <translation>异议内容(&amp;O)：</translation>
    </message>
    <message>
        <source>Household register (hukou booklet)</source>
        <translation>户口簿</translation>
    </message>
    <message>
        <source>Resident ID cards</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Proof of income</source>
        <translation>收入证明</translation>
    </message>
    <message>
        <source>Disability certificate</source>
        <translation>残疾人证</translation>
    </message>
    <message>
        <source>Medical records or diagnosis</source>
        <translation>病历或诊断证明</translation>
    </message>
    <message>
        <source>Proof of schooling</source>
        <translation>在校证明</translation>
    </message>
    <message>
        <source>Divorce agreement or judgment</source>
        <translation>离婚协议或判决书</translation>
    </message>
    <message>
        <source>Consent to data matching signed by every member</source>
        <translation>全体成员签字的核对授权书</translation>
    </message>
    <message>
        <source>Missing:</source>
        <translation>需补充：</translation>
    </message>
    <message>
        <source>&amp;Other:</source>
        <translation>其他(&amp;O)：</translation>
    </message>
    <message>
        <source>Tell the applicant everything missing at once; do not ask for papers the office can obtain itself.</source>
        <translation>一次性告知需补充的全部材料；可通过政务共享获取的材料不得要求申请人提供。</translation>
    </message>
    <message>
        <source>Choose the conclusion: meets the conditions, does not, or not concluded yet.</source>
        <translation>请选择调查结论：符合条件、不符合条件或尚无结论。</translation>
    </message>
    <message>
        <source>Tick or write every missing paper.</source>
        <translation>请勾选或填写需要补充的材料。</translation>
    </message>
    <message>
        <source>To be added, all at once: {items}</source>
        <translation>一次性告知需补充：{items}</translation>
    </message>
    <message>
        <source>Write the township&apos;s opinion.</source>
        <translation>请填写乡镇初审意见。</translation>
    </message>
</context>
<context>
    <name>SupportersTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Annual income (yuan)</source>
        <translation>年收入（元）</translation>
    </message>
    <message>
        <source>Support paid (yuan)</source>
        <translation>年付赡养费（元）</translation>
    </message>
    <message>
        <source>Able to support</source>
        <translation>有赡养能力</translation>
    </message>
    <message>
        <source>Add su&amp;pporter</source>
        <translation>添加赡养人(&amp;P)</translation>
    </message>
    <message>
        <source>Remove supporter</source>
        <translation>删除赡养人</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>Relation:</source>
        <translation>关系：</translation>
    </message>
    <message>
        <source>Annual income (yuan):</source>
        <translation>年收入（元）：</translation>
    </message>
    <message>
        <source>Support paid a year (yuan):</source>
        <translation>每年给付赡养费（元）：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>&amp;Export return bundle to folder…</source>
        <translation>导出回执数据包到文件夹(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Export bundle to folder…</source>
        <translation>导出数据包到文件夹(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Import receipts/bundles…</source>
        <translation>导入回执/数据包(&amp;I)…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>No bundle imported since the program started. Import the files brought on the USB stick: each file&apos;s result is listed here.</source>
        <translation>本次启动以来尚未导入数据包。请导入U盘带来的文件，每个文件的导入结果会列在这里。</translation>
    </message>
    <message>
        <source>For s&amp;tation:</source>
        <translation>乡镇工作站(&amp;T)：</translation>
    </message>
    <message>
        <source>Sync with the county</source>
        <translation>与县级同步</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Bundles are encrypted and signed: carry them on a USB stick, never the passphrase. A record counts as synced only when the county&apos;s receipt has been imported.</source>
        <translation>数据包已加密并签名，可用U盘传递，口令切勿随U盘传递。县里的回执导入本机后，记录才算同步完成。</translation>
    </message>
    <message>
        <source>Import the townships&apos; bundles, then export each station&apos;s return bundle with its receipts.</source>
        <translation>先导入各乡镇的数据包，再为每个工作站导出附带回执的回执数据包。</translation>
    </message>
    <message>
        <source>&amp;Join the county&apos;s sync…</source>
        <translation>加入县级同步(&amp;J)…</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本站</translation>
    </message>
    <message>
        <source>To resolve</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>&amp;Join again (new file)…</source>
        <translation>重新加入（新配置文件）(&amp;J)…</translation>
    </message>
    <message>
        <source>Not joined to the county&apos;s sync yet. Ask the county civil affairs bureau for this station&apos;s provisioning file and its passphrase, then press “Join the county&apos;s sync”. The first bundle after joining carries all {waiting} records of this station.</source>
        <translation>本站尚未加入县级同步。请向县民政局索取本站的配置文件和口令，然后点“加入县级同步”。加入后的第一个数据包将报送本站全部 {waiting} 条记录。</translation>
    </message>
    <message>
        <source>Joined to the sync of {county} ({code}) on {date}.</source>
        <translation>已于 {date} 加入{county}（{code}）的同步。</translation>
    </message>
    <message>
        <source>Last export: bundle no. {seq} on {time}.</source>
        <translation>上次导出：第{seq}号数据包，{time}。</translation>
    </message>
    <message>
        <source>No bundle exported yet.</source>
        <translation>尚未导出过数据包。</translation>
    </message>
    <message>
        <source>Last bundle from the county imported on {time}.</source>
        <translation>上次导入县里的数据包：{time}。</translation>
    </message>
    <message>
        <source>No bundle from the county imported yet.</source>
        <translation>尚未导入过县里的数据包。</translation>
    </message>
    <message>
        <source>Waiting to be sent: {waiting} changed records. Sent, awaiting the county&apos;s receipt: {unconfirmed}.</source>
        <translation>待报送：{waiting} 条记录有变更。已导出、等待县里回执：{unconfirmed} 条。</translation>
    </message>
    <message>
        <source>Joined the sync of {county} ({code}). The next bundle, no. {seq}, carries all of this station&apos;s records.</source>
        <translation>已加入{county}（{code}）的同步。下一个数据包（第{seq}号）将报送本站的全部记录。</translation>
    </message>
    <message>
        <source>Passphrase of this computer&apos;s sync keys:</source>
        <translation>本机同步密钥的口令：</translation>
    </message>
    <message>
        <source>Folder to write the bundle to (USB stick)</source>
        <translation>选择写入数据包的文件夹（U盘）</translation>
    </message>
    <message>
        <source>Bundles to import</source>
        <translation>选择要导入的数据包</translation>
    </message>
    <message>
        <source>Jiuzhu bundles (*.jzb);;All files (*)</source>
        <translation>救助通数据包 (*.jzb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the station to export the return bundle for.</source>
        <translation>请选择要导出回执数据包的乡镇工作站。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>没有需要发送的内容。</translation>
    </message>
    <message>
        <source>up bundle</source>
        <translation>上报数据包</translation>
    </message>
    <message>
        <source>return bundle</source>
        <translation>回执数据包</translation>
    </message>
    <message>
        <source>Exported {what} no. {seq} for {peer} ({records} records) to {path}</source>
        <translation>已导出发往{peer}的{what}第{seq}号（{records}条记录）：{path}</translation>
    </message>
    <message>
        <source>{applied} applied, {held} held, {replay} already imported, {refused} refused.</source>
        <translation>已导入{applied}个，暂存{held}个，重复导入{replay}个，拒绝{refused}个。</translation>
    </message>
    <message>
        <source>Conflict resolved: the county&apos;s values kept.</source>
        <translation>冲突已处理：以县级为准。</translation>
    </message>
    <message>
        <source>Conflict resolved: the station&apos;s values kept.</source>
        <translation>冲突已处理：以乡镇为准。</translation>
    </message>
    <message>
        <source>Duplicate ID number checked.</source>
        <translation>重复身份证号已核查。</translation>
    </message>
    <message>
        <source>Quarantined household discarded.</source>
        <translation>隔离的户已作废，请乡镇改正后重新上报。</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已暂存</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>已导入过，未作改动</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>differs: a full re-sync follows</source>
        <translation>不一致，将重新全量同步</translation>
    </message>
    <message>
        <source>changes in transit, not checked</source>
        <translation>有变更在途，暂不核对</translation>
    </message>
    <message>
        <source>Waiting for an earlier bundle</source>
        <translation>等待前面的数据包</translation>
    </message>
    <message>
        <source>accepted {accepted}, unchanged {unchanged}, deleted {deleted}, quarantined {households} households ({records} records), conflicts soft {soft}/hard {hard}, duplicate ID numbers {duplicates}; digest {digest}</source>
        <translation>接收{accepted}条，未变{unchanged}条，删除{deleted}条，隔离{households}户（{records}条），冲突 软{soft}/硬{hard}，重复身份证{duplicates}个；摘要{digest}</translation>
    </message>
    <message>
        <source>receipts {bundles} (accepted {accepted}, duplicate {duplicate}, conflict {conflict}, quarantined {quarantined}), county records {written}, merged {merged}; digest {digest}</source>
        <translation>回执{bundles}个（接收{accepted}、重复{duplicate}、冲突{conflict}、隔离{quarantined}），县级记录{written}条，合并{merged}条；摘要{digest}</translation>
    </message>
</context>
<context>
    <name>SyncQueues</name>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Station&apos;s values</source>
        <translation>乡镇的值</translation>
    </message>
    <message>
        <source>County&apos;s values</source>
        <translation>县级的值</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>乡镇工作站</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Keep the &amp;county&apos;s values</source>
        <translation>以县级为准(&amp;C)</translation>
    </message>
    <message>
        <source>Keep the stati&amp;on&apos;s values</source>
        <translation>以乡镇为准(&amp;O)</translation>
    </message>
    <message>
        <source>Finding, e.g. moved out of the old household</source>
        <translation>核查结论，例如：已迁出原户</translation>
    </message>
    <message>
        <source>Record the fi&amp;nding</source>
        <translation>记录核查结论(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Discard (the station resends it corrected)</source>
        <translation>作废(&amp;D)（请乡镇改正后重新上报）</translation>
    </message>
    <message>
        <source>Merged, to check</source>
        <translation>已合并，待核对</translation>
    </message>
    <message>
        <source>Held, to decide</source>
        <translation>未覆盖，待决定</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>Duplicate ID numbers ({n})</source>
        <translation>重复身份证号（{n}）</translation>
    </message>
    <message>
        <source>Quarantined ({n})</source>
        <translation>隔离（{n}）</translation>
    </message>
</context>
<context>
    <name>TableActions</name>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the list as it is shown (its filter too) as an xlsx file</source>
        <translation>把列表按当前显示（含筛选条件）保存为xlsx文件</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>复制本行(&amp;C)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the spreadsheet…</source>
        <translation>正在写出表格……</translation>
    </message>
    <message>
        <source>Saved {n} rows to the spreadsheet.</source>
        <translation>已将 {n} 行保存到表格。</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>TownshipStatsTab</name>
    <message>
        <source>Monthly payment rosters, bank returns and the county&apos;s statistics reports are made at the county civil-affairs office; this table counts the benefits on this station&apos;s files.</source>
        <translation>发放名册、银行回盘和全县统计报表由县民政局办理；本表统计本站档案中正在发放的保障对象。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Save as &amp;Excel…</source>
        <translation>导出Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Monthly amount (yuan)</source>
        <translation>月发放金额（元）</translation>
    </message>
    <message>
        <source>Benefits being paid, by village</source>
        <translation>各村在保对象统计</translation>
    </message>
    <message>
        <source>Total: {households} households, {persons} persons, {amount} yuan a month.</source>
        <translation>合计：{households}户，{persons}人，每月{amount}元。</translation>
    </message>
    <message>
        <source>Save the statistics</source>
        <translation>保存统计表</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the statistics…</source>
        <translation>正在写出统计表…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>TownshipTableModel</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Township (double-click to open)</source>
        <translation>乡镇（双击打开）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Households on file</source>
        <translation>在档户数</translation>
    </message>
    <message>
        <source>At township</source>
        <translation>乡镇办理中</translation>
    </message>
    <message>
        <source>Applications still in the township&apos;s procedure</source>
        <translation>仍在乡镇办理中的申请</translation>
    </message>
    <message>
        <source>Awaiting county</source>
        <translation>待县级审批</translation>
    </message>
    <message>
        <source>Applications submitted to the county or in its pre-approval notice</source>
        <translation>已报县审核或处于拟批准公示的申请</translation>
    </message>
    <message>
        <source>Being paid</source>
        <translation>在保</translation>
    </message>
    <message>
        <source>Benefits being paid</source>
        <translation>在保户数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Open applications whose next time limit has passed</source>
        <translation>最近时限已过的在办申请</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Open applications whose next time limit falls within 3 working days</source>
        <translation>最近时限在3个工作日内到期的在办申请</translation>
    </message>
    <message>
        <source>Reviews overdue</source>
        <translation>复核逾期</translation>
    </message>
    <message>
        <source>Reviews of households being paid, due before today and not done</source>
        <translation>在保家庭中已过到期日仍未完成的复核</translation>
    </message>
    <message>
        <source>Refused this year</source>
        <translation>本年不予确认</translation>
    </message>
    <message>
        <source>Applications refused this year</source>
        <translation>本年不予确认的申请</translation>
    </message>
    <message>
        <source>Stopped this year</source>
        <translation>本年停发</translation>
    </message>
    <message>
        <source>Benefits stopped this year</source>
        <translation>本年停发退出的待遇</translation>
    </message>
    <message>
        <source>Held bundles</source>
        <translation>暂存包</translation>
    </message>
    <message>
        <source>Bundles from the station waiting for an earlier one</source>
        <translation>该站等待前序数据包的暂存数据包</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Households from the station&apos;s bundles that failed validation</source>
        <translation>该站数据包中未通过校验而隔离的家庭</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Open sync conflicts of the station</source>
        <translation>该站未处理的同步冲突</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复人员</translation>
    </message>
    <message>
        <source>ID numbers active in two households, one of them here</source>
        <translation>在两个家庭中有效的身份证号（其中一户在本乡镇）</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>When the station&apos;s last bundle was imported</source>
        <translation>最近一次导入该站数据包的时间</translation>
    </message>
    <message>
        <source>{county} (total)</source>
        <translation>{county}（合计）</translation>
    </message>
    <message>
        <source>no station</source>
        <translation>未建站</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未导入</translation>
    </message>
    <message>
        <source>{when}: {days} days ago</source>
        <translation>{when}（{days}天前）</translation>
    </message>
    <message>
        <source>The station&apos;s keys are revoked</source>
        <translation>该工作站的密钥已吊销</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>管辖范围</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解除锁定(&amp;U)</translation>
    </message>
    <message>
        <source>New re&amp;covery key…</source>
        <translation>生成新的恢复密钥(&amp;C)…</translation>
    </message>
    <message>
        <source>Make a new recovery key for this computer&apos;s encrypted database (the old one stops working)</source>
        <translation>为本机加密的数据库生成新的恢复密钥（旧的随即作废）</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>New passwords at &amp;least:</source>
        <translation>新密码至少(&amp;L)：</translation>
    </message>
    <message>
        <source>A new user, or one whose password was reset, chooses his own password the first time he signs in. A disabled user cannot sign in; what he signed stays his. Every change is recorded in the audit log. Accounts of another office (received with its data, without passwords) are shown read-only: only that office manages them.</source>
        <translation>新用户或密码被重置的用户，下次登录时须先设置自己的密码。停用的用户不能登录，其已签署的内容仍归其名下。每项修改都记入审计日志。其他单位的账户（随其数据上报而来，不含密码）只能查看，由其所在单位管理。</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>生成新的恢复密钥</translation>
    </message>
    <message>
        <source>A new recovery key replaces the old one, which stops working at once. Make a new one if the old one is lost or may have been seen. Continue?</source>
        <translation>新的恢复密钥将替换旧的，旧密钥立即作废。旧密钥遗失或可能被他人看到时，请生成新的。是否继续？</translation>
    </message>
    <message>
        <source>New passwords must have at least {n} characters.</source>
        <translation>新密码至少须有 {n} 个字符。</translation>
    </message>
    <message>
        <source>{office} (another office)</source>
        <translation>{office}（其他单位）</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Disabled (read-only)</source>
        <translation>已停用（只读）</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Locked (too many wrong passwords)</source>
        <translation>已锁定（密码错误次数过多）</translation>
    </message>
    <message>
        <source>Enabled, must choose a new password</source>
        <translation>启用，须设置新密码</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Added {user}.</source>
        <translation>已添加用户 {user}。</translation>
    </message>
    <message>
        <source>New password set for {user}.</source>
        <translation>已为 {user} 设置新密码。</translation>
    </message>
    <message>
        <source>{user} may sign in again.</source>
        <translation>已启用 {user}，可以重新登录。</translation>
    </message>
    <message>
        <source>{user} is disabled.</source>
        <translation>已停用 {user}。</translation>
    </message>
    <message>
        <source>{user} is unlocked.</source>
        <translation>已解除 {user} 的锁定。</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Findings or outcome</source>
        <translation>情况及结果</translation>
    </message>
    <message>
        <source>At least two names, separated by 、</source>
        <translation>至少两人，用“、”分隔</translation>
    </message>
    <message>
        <source>What was seen and heard at the home</source>
        <translation>入户了解到的情况</translation>
    </message>
    <message>
        <source>&amp;Record home visit</source>
        <translation>登记入户走访(&amp;R)</translation>
    </message>
    <message>
        <source>Visit &amp;date:</source>
        <translation>走访日期(&amp;D)：</translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation>走访人员(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>走访情况(&amp;F)：</translation>
    </message>
    <message>
        <source>A new visit is recorded under case {number}.</source>
        <translation>新的走访将记入申请 {number}。</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>By &amp;state</source>
        <translation>按状态统计(&amp;S)</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限事项</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>救助项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>公示期</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start}至{end}</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Heads of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>程度</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核查项目</translation>
    </message>
    <message>
        <source>Item {n}</source>
        <translation>第{n}项</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>&amp;Deadlines ({n})</source>
        <translation>办理时限（{n}）(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;views due ({n})</source>
        <translation>待复核（{n}）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Notices running ({n})</source>
        <translation>公示中（{n}）(&amp;N)</translation>
    </message>
    <message>
        <source>Ob&amp;jections ({n})</source>
        <translation>异议（{n}）(&amp;J)</translation>
    </message>
    <message>
        <source>Chec&amp;k findings ({n})</source>
        <translation>核查发现（{n}）(&amp;K)</translation>
    </message>
    <message>
        <source>Loading today&apos;s work…</source>
        <translation>正在加载今日工作…</translation>
    </message>
    <message>
        <source>As of {day}: {overdue} applications overdue, {soon} due within 3 working days; {reviews} reviews overdue; {objections} objections open.</source>
        <translation>截至{day}：逾期申请{overdue}件，3个工作日内到期{soon}件；逾期未复核{reviews}户；待处理异议{objections}件。</translation>
    </message>
</context>
</TS>
